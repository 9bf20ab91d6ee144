import logging

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db.backend import DatabaseBackend

logger = logging.getLogger(__name__)


def enqueue_when_committed(task, *args, on_sent=None, on_unsent=None):
    """Queue `task(*args)` so that no worker can take it before the rows it reads exist, then
    call `on_sent(result)` with the backend's TaskResult (its id finds the task again).

    The database backend writes the task in the caller's transaction, so the two are committed
    together or not at all; the immediate backend runs it in place. Any other backend (RQ) sends
    it at once to a worker that could look for rows not yet committed, so it is sent after the
    commit; if the queue cannot be reached then, the error is logged rather than raised at the
    person whose work was just saved, and `on_unsent(error)` is called instead of `on_sent`:
    the caller keeps the work to send again (a job: the `resend_lost_work` hook) or says so to
    whoever asked (a render). Outside a transaction, as in a view, that happens before this
    returns.
    """

    def send():
        result = task.enqueue(*args)
        if on_sent is not None:
            on_sent(result)

    def send_after_commit():
        try:
            send()
        except Exception as error:
            logger.warning(
                "%s could not be queued (%s: %s)", task.name, type(error).__name__, error
            )
            if on_unsent is not None:
                on_unsent(error)

    if isinstance(task.get_backend(), DatabaseBackend | ImmediateBackend):
        send()
    else:
        transaction.on_commit(send_after_commit)
