"""Granting model permissions to the role groups from data migrations.

Permissions are made here if missing, because on a fresh database Django creates them only
after all migrations have run.
"""


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return found


def grant(apps, grants):
    """grants: {group name: [(app_label, model, codename), ...]}; adds to what groups have."""
    Group = apps.get_model("auth", "Group")
    for role, permissions in grants.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*(permission(apps, *p) for p in permissions))


def revoke(apps, grants):
    Group = apps.get_model("auth", "Group")
    for role, permissions in grants.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(*(permission(apps, *p) for p in permissions))
