from django.apps import AppConfig


class TranscriptionConfig(AppConfig):
    name = "archive.transcription"
    label = "transcription"
    verbose_name = "Transcription"
