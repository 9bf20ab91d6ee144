"""The "Testimony review" workflow with its two tasks for Editors, assigned to every existing
testimonies section (new sections get it from TestimonyIndexPage.save), and the permissions
each role needs for consent and redaction."""

from django.db import migrations

from archive.roles.grants import grant, revoke

WORKFLOW = "Testimony review"
TASKS = [("consentchecktask", "Consent check"), ("redactionreviewtask", "Redaction review")]
MANAGE = ("add", "change", "view")
GRANTS = {
    # Reporters record consent as they collect it and can see redactions; they decide none.
    "Reporters": [
        *(("consent", "consentrecord", f"{a}_consentrecord") for a in MANAGE),
        ("redaction", "redactionspan", "view_redactionspan"),
    ],
    "Editors": [
        *(("consent", "consentrecord", f"{a}_consentrecord") for a in MANAGE),
        *(("redaction", "redactionspan", f"{a}_redactionspan") for a in MANAGE),
        *(("redaction", "photoredaction", f"{a}_photoredaction") for a in (*MANAGE, "delete")),
    ],
}


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    grant(apps, GRANTS)
    editors = Group.objects.get(name="Editors")
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW)
    for order, (model, name) in enumerate(TASKS):
        task_model = apps.get_model("publication", model)
        content_type, _ = ContentType.objects.get_or_create(app_label="publication", model=model)
        task, _ = task_model.objects.get_or_create(name=name, defaults={"content_type": content_type})
        task.groups.add(editors)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    index_type = ContentType.objects.filter(app_label="testimonies", model="testimonyindexpage").first()
    if index_type is not None:
        Page = apps.get_model("wagtailcore", "Page")
        for section in Page.objects.filter(content_type=index_type):
            WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).update(active=False)
    revoke(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("publication", "0001_initial"),
        ("consent", "0001_initial"),
        ("redaction", "0001_initial"),
        ("roles", "0001_reporters_and_editors"),
        ("testimonies", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
