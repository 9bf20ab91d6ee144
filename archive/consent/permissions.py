"""Who may do what with consent records, as one policy object (see wagtail/documents).

Reporters record consent as they collect it, and record a withdrawal; changing what an existing
record allows (parts, translation, name shown, voice, embargo, expiry) is for editors, who then
review again. Nobody deletes a record, superusers included.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from .models import ConsentRecord

# What an existing record allows: changing any of these is "change_scope".
SCOPE_FIELDS = (
    "publish_transcript",
    "publish_audio",
    "publish_photos",
    "name_shown",
    "voice_alteration_required",
    "translation_allowed",
    "embargo_until",
    "expires_on",
    "restrictions",
)


class ConsentPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        if action == "change_scope":
            return user.is_active and user.has_perm("consent.change_consent_scope")
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "delete"])


consent_policy = ConsentPermissionPolicy(ConsentRecord)
