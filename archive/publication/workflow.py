from wagtail.models import Workflow, WorkflowPage

REVIEW_WORKFLOW = "Testimony review"


def assign_review_workflow(section):
    """Testimonies under `section` go through the review workflow (created by migration)."""
    workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})
