"""What the demo recordings say. The audio in audio/ was spoken from exactly these texts
(scripts/make_demo_audio.py), so they are also the reference for measuring transcription."""

DEMO_SPEECH = {
    "en": {
        "file": "demo-en.ogg",
        "voice": "en-us",
        "text": (
            "My name is Daniel Ortega Ruiz. I have lived in Fresno, California, for twelve years. "
            "One morning in March, two agents stopped me outside the hardware store. "
            "They said I should call them at five five nine, four two one, eight zero three "
            "seven, with the names of my neighbours, or they would deport me. "
            "That night I told my wife, Rosa, and we decided to tell our story instead."
        ),
    },
    "es": {
        "file": "demo-es.ogg",
        "voice": "es-419",
        "text": (
            "Me llamo María Elena Castillo. Vivo en Santa Ana, California, desde hace diez años. "
            "Un día pararon a mi hermano Julio en la carretera. "
            "Le dieron un número, el siete uno cuatro, cinco cinco cinco, cero uno nueve dos, "
            "y le dijeron que llamara si veía a alguien sin papeles. "
            "Nunca llamamos. Por eso quiero contar lo que pasó."
        ),
    },
}
