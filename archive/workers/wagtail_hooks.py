from wagtail import hooks

from .recovery import requeue_work_of_gone_workers


@hooks.register("recover_interrupted_work")
def requeue_claimed_tasks(**options):
    return f"{requeue_work_of_gone_workers()} interrupted task(s) queued again"
