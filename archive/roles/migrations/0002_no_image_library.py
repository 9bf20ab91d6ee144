"""Nobody uses Wagtail's image and document libraries: their files would sit in public storage
under the uploader's file name, with the file's metadata. Testimony photos go through the
private photo pipeline instead. The libraries' grants are taken back from both roles."""

from django.db import migrations

LIBRARY_APPS = ("wagtailimages", "wagtaildocs")


def revoke_library(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group = apps.get_model("auth", "Group")
    roles = Group.objects.filter(name__in=["Reporters", "Editors"])
    GroupCollectionPermission.objects.filter(
        group__in=roles, permission__content_type__app_label__in=LIBRARY_APPS
    ).delete()
    for group in roles:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label__in=LIBRARY_APPS)
        )


class Migration(migrations.Migration):
    dependencies = [("roles", "0001_reporters_and_editors")]

    operations = [migrations.RunPython(revoke_library, migrations.RunPython.noop)]
