from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .permissions import SCOPE_FIELDS, consent_policy


class ConsentForm(WagtailAdminModelForm):
    """On an existing record, what it allows can be changed only by editors (the policy), and
    the interview it belongs to by nobody; the browser cannot post around a disabled field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        locked = ["interview"]
        if not consent_policy.user_has_permission(self.for_user, "change_scope"):
            locked += SCOPE_FIELDS
        for name in locked:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Only an editor may change this.")
