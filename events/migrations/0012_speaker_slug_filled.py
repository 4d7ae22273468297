from django.db import migrations, models
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):
    """Each existing speaker gets a slug from the name, unique among speakers (namesakes get -2, -3 …)."""
    Speaker = apps.get_model("events", "Speaker")
    taken = set()
    for speaker in Speaker.objects.order_by("pk").only("pk", "name"):
        base = (slugify(speaker.name) or "speaker")[:170].strip("-") or "speaker"
        candidate, counter = base, 2
        while candidate in taken:
            candidate = f"{base}-{counter}"
            counter += 1
        taken.add(candidate)
        Speaker.objects.filter(pk=speaker.pk).update(slug=candidate)


class Migration(migrations.Migration):
    """Speaker pages need an address: the slug is added empty and filled here; 0013 makes it unique
    (in its own migration, so PostgreSQL alters the table outside the transaction that filled it)."""

    dependencies = [
        ("events", "0011_speaker_affiliation_translated"),
    ]

    operations = [
        migrations.AddField(
            model_name="speaker",
            name="slug",
            field=models.SlugField(blank=True, db_index=False, max_length=180, null=True, verbose_name="slug"),
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
    ]
