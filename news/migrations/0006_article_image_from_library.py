import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The old file field and its alt texts go (they live in the library now); the library image takes the name."""

    dependencies = [
        ("news", "0005_image_into_library"),
    ]

    operations = [
        migrations.RemoveField(model_name="article", name="image"),
        migrations.RemoveField(model_name="article", name="image_alt"),
        migrations.RemoveField(model_name="article", name="image_alt_fi"),
        migrations.RemoveField(model_name="article", name="image_alt_sv"),
        migrations.RemoveField(model_name="article", name="image_alt_en"),
        migrations.RenameField(model_name="article", old_name="image_library", new_name="image"),
        migrations.AlterField(
            model_name="article",
            name="image",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="articles",
                to="medialibrary.image", verbose_name="image",
            ),
        ),
    ]
