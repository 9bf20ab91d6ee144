"""Who may approve the redaction review (and so create a publication) and record that a
finding identifies nobody: editors, through these policies (see wagtail/documents)."""

from wagtail.permission_policies import ModelPermissionPolicy

from .models import NotIdentifying, Publication

publication_policy = ModelPermissionPolicy(Publication)
review_policy = ModelPermissionPolicy(NotIdentifying)
