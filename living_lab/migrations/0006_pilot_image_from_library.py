import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The old file field and its alt texts go (they live in the library now); the library image takes the name."""

    dependencies = [
        ("living_lab", "0005_image_into_library"),
    ]

    operations = [
        migrations.RemoveField(model_name="pilot", name="image"),
        migrations.RemoveField(model_name="pilot", name="image_alt"),
        migrations.RemoveField(model_name="pilot", name="image_alt_fi"),
        migrations.RemoveField(model_name="pilot", name="image_alt_sv"),
        migrations.RemoveField(model_name="pilot", name="image_alt_en"),
        migrations.RenameField(model_name="pilot", old_name="image_library", new_name="image"),
        migrations.AlterField(
            model_name="pilot",
            name="image",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="pilots",
                to="medialibrary.image", verbose_name="image",
            ),
        ),
    ]
