from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_speaker_slug_filled"),
    ]

    operations = [
        migrations.AlterField(
            model_name="speaker",
            name="slug",
            field=models.SlugField(
                blank=True, help_text="The speaker's address on the site; filled in from the name when left empty.",
                max_length=180, unique=True, verbose_name="slug",
            ),
        ),
    ]
