import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The old file field and its alt texts go (they live in the library now); the library image takes the name."""

    dependencies = [
        ("events", "0009_photo_into_library"),
    ]

    operations = [
        migrations.RemoveField(model_name="speaker", name="photo"),
        migrations.RemoveField(model_name="speaker", name="photo_alt"),
        migrations.RemoveField(model_name="speaker", name="photo_alt_fi"),
        migrations.RemoveField(model_name="speaker", name="photo_alt_sv"),
        migrations.RemoveField(model_name="speaker", name="photo_alt_en"),
        migrations.RenameField(model_name="speaker", old_name="photo_library", new_name="photo"),
        migrations.AlterField(
            model_name="speaker",
            name="photo",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="speakers",
                to="medialibrary.image", verbose_name="photo",
            ),
        ),
    ]
