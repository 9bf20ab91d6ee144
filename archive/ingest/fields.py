"""A model field for private files other than originals (such as signed consent forms), kept
encrypted under the key of the instance's interview, whichever way a file is saved."""

from django.db import models
from django.db.models.fields.files import FieldFile

from .models import open_decrypted, private_storage
from .store import store_encrypted


class EncryptedFieldFile(FieldFile):
    def save(self, name, content, save=True):
        name = self.field.generate_filename(self.instance, name)
        content.open("rb")
        self.name = store_encrypted(content, name, self.instance.interview)
        setattr(self.instance, self.field.attname, self.name)
        self._committed = True
        if save:
            self.instance.save()

    save.alters_data = True

    def open_decrypted(self):
        return open_decrypted(self, self.instance.interview)


class EncryptedFileField(models.FileField):
    """A FileField in private storage whose model has an `interview`."""

    attr_class = EncryptedFieldFile

    def __init__(self, *args, **kwargs):
        kwargs["storage"] = private_storage
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("storage", None)
        return name, path, args, kwargs
