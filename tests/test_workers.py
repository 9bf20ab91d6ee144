"""The worker registry's rule for who is gone, and recovery of claimed tasks, in one process. The
real worker processes are exercised in tests/transcription/test_worker.py."""

import datetime
import os
import subprocess

import pytest
from django.utils import timezone

from archive.workers.models import Claim, Worker
from archive.workers.recovery import requeue_work_of_gone_workers
from archive.workers.registry import HOST, live_worker_names, registered, workers_serving

pytestmark = pytest.mark.django_db


def a_dead_pid():
    finished = subprocess.Popen(["true"])
    finished.wait()
    return finished.pid


def enter(name, host=HOST, pid=None, seconds_ago=0, queues=("transcription",)):
    Worker.objects.create(
        name=name,
        host=host,
        pid=pid or os.getpid(),
        queues=list(queues),
        beat_at=timezone.now() - datetime.timedelta(seconds=seconds_ago),
    )


def test_a_worker_is_gone_when_silent_or_when_its_process_here_has_ended(settings):
    settings.TESTIMONIO_WORKER_GONE_AFTER_SECONDS = 30
    enter("here-alive")
    enter("here-dead", pid=a_dead_pid())
    enter("there-beating", host="elsewhere", pid=a_dead_pid(), seconds_ago=5)
    enter("there-silent", host="elsewhere", seconds_ago=31)
    assert live_worker_names() == {"here-alive", "there-beating"}


def test_only_workers_of_a_queue_serve_it():
    enter("gpu", queues=["transcription"])
    enter("media", queues=["media", "default"])
    assert [w.name for w in workers_serving("transcription")] == ["gpu"]
    assert workers_serving("nothing") == []


def test_a_registered_worker_beats_and_leaves_the_registry_when_it_stops(settings):
    with registered(["media"]) as name:
        row = Worker.objects.get(name=name)
        assert row.pid == os.getpid() and row.queues == ["media"]
        assert name in live_worker_names()
    assert not Worker.objects.filter(name=name).exists()


def test_a_claimed_task_of_a_gone_worker_is_queued_again_once(monkeypatch):
    enter("alive")
    enter("dead", pid=a_dead_pid())
    Claim.objects.create(task_path="tests.test_workers.noted", args=[1, True], worker="dead")
    Claim.objects.create(task_path="tests.test_workers.noted", args=[2, False], worker="alive")
    queued = []

    def enqueue(task, *args, on_sent, on_unsent):
        queued.append(args)
        on_sent(None)

    monkeypatch.setattr("archive.workers.recovery.enqueue_when_committed", enqueue)
    assert requeue_work_of_gone_workers() == 1
    assert queued == [(1, True)]
    assert list(Claim.objects.values_list("worker", flat=True)) == ["alive"]
    assert set(Worker.objects.values_list("name", flat=True)) == {"alive"}
    assert requeue_work_of_gone_workers() == 0


noted = object()
