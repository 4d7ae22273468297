from django.db import migrations, models

LANGUAGES = ("fi", "sv", "en")


def copy_into_languages(apps, schema_editor):
    """The affiliation was one untranslated value: it becomes each language's until an editor translates it."""
    Speaker = apps.get_model("events", "Speaker")
    for speaker in Speaker.objects.exclude(organisation="").only("pk", "organisation"):
        values = {f"organisation_{code}": speaker.organisation for code in LANGUAGES}
        Speaker.objects.filter(pk=speaker.pk).update(**values)


def copy_back(apps, schema_editor):
    Speaker = apps.get_model("events", "Speaker")
    for speaker in Speaker.objects.only("pk", *[f"organisation_{code}" for code in LANGUAGES]):
        value = next((getattr(speaker, f"organisation_{code}") for code in LANGUAGES if getattr(speaker, f"organisation_{code}")), "")
        Speaker.objects.filter(pk=speaker.pk).update(organisation=value)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0010_speaker_photo_from_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="speaker",
            name="organisation_en",
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name="affiliation"),
        ),
        migrations.AddField(
            model_name="speaker",
            name="organisation_fi",
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name="affiliation"),
        ),
        migrations.AddField(
            model_name="speaker",
            name="organisation_sv",
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name="affiliation"),
        ),
        migrations.AlterField(
            model_name="speaker",
            name="organisation",
            field=models.CharField(blank=True, max_length=200, verbose_name="affiliation"),
        ),
        migrations.RunPython(copy_into_languages, copy_back),
    ]
