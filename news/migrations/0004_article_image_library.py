from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    """The library image beside the old file field, until 0005_image_into_library has moved the files."""

    dependencies = [
        ("news", "0003_publishable_unpublish_at"),
        ("medialibrary", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="image_library",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                to="medialibrary.image", verbose_name="image",
            ),
        ),
    ]
