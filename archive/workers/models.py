"""Which worker processes are alive, and what recoverable work each has in hand.

A worker's row is beaten every few seconds by a thread of its own process (registry.py), so a
process that is killed, or a machine that is switched off, stops beating at once: its work is
taken up again as soon as its row falls silent, not after a fixed time a task may outlast.
"""

from django.db import models


class Worker(models.Model):
    name = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    queues = models.JSONField(default=list)
    started_at = models.DateTimeField(auto_now_add=True)
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.name} ({self.host}, pid {self.pid}; {', '.join(self.queues)})"


class Claim(models.Model):
    """A task in progress on a worker, kept until it ends, so that a task whose worker died is
    queued again with the same arguments whatever the task backend remembers of it."""

    task_path = models.CharField(max_length=255)
    args = models.JSONField(default=list)
    worker = models.CharField(max_length=64, db_index=True)
    started_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.task_path}{tuple(self.args)} on {self.worker}"
