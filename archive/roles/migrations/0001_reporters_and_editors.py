"""Create the Reporters and Editors groups with what each role may do.

Reporters gather: they create interviews, upload originals and draft pages, but cannot
publish. Editors also publish. Nobody but a superuser may delete an interview or an original.

Wagtail's own migrations create "Editors" and "Moderators" groups with broader rights (deleting
images and documents); this replaces them: Editors get exactly the grants below, and the default
approval task moves from Moderators to Editors, so there is one reviewing role.
"""

from django.db import migrations

from archive.roles.grants import permission

ROLE_MODEL_PERMISSIONS = {
    "Reporters": [
        ("wagtailadmin", "admin", "access_admin"),
        ("ingest", "interview", "add_interview"),
        ("ingest", "interview", "change_interview"),
        ("ingest", "interview", "view_interview"),
        ("ingest", "recording", "add_recording"),
        ("ingest", "recording", "view_recording"),
        ("ingest", "photo", "add_photo"),
        ("ingest", "photo", "view_photo"),
    ],
    "Editors": [
        ("wagtailadmin", "admin", "access_admin"),
        ("ingest", "interview", "add_interview"),
        ("ingest", "interview", "change_interview"),
        ("ingest", "interview", "view_interview"),
        ("ingest", "recording", "add_recording"),
        ("ingest", "recording", "view_recording"),
        ("ingest", "photo", "add_photo"),
        ("ingest", "photo", "view_photo"),
    ],
}

ROLE_PAGE_PERMISSIONS = {
    "Reporters": ["add_page", "change_page", "view_page"],
    "Editors": ["add_page", "change_page", "view_page", "publish_page", "lock_page", "unlock_page"],
}

ROLE_COLLECTION_PERMISSIONS = {
    "Reporters": [("wagtailimages", "image", "choose_image")],
    "Editors": [
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "choose_document"),
    ],
}


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for role, grants in ROLE_MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([permission(apps, *grant) for grant in grants])
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        for codename in ROLE_PAGE_PERMISSIONS[role]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=permission(apps, "wagtailcore", "page", codename),
            )
        for grant in ROLE_COLLECTION_PERMISSIONS[role]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(apps, *grant)
            )


    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        editors = Group.objects.get(name="Editors")
        for task in apps.get_model("wagtailcore", "GroupApprovalTask").objects.filter(
            groups=moderators
        ):
            task.groups.remove(moderators)
            task.groups.add(editors)
        moderators.delete()


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_MODEL_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("ingest", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
