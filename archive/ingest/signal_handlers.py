from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import empty

from .models import PRIVATE_STORAGE


@receiver(setting_changed)
def look_up_private_storage_again(setting, **kwargs):
    if setting == "STORAGES":
        PRIVATE_STORAGE._wrapped = empty
