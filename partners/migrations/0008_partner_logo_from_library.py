import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The old file field and its alt texts go (they live in the library now); the library image takes the name."""

    dependencies = [
        ("partners", "0007_logo_into_library"),
    ]

    operations = [
        migrations.RemoveField(model_name="partner", name="logo"),
        migrations.RemoveField(model_name="partner", name="logo_alt"),
        migrations.RemoveField(model_name="partner", name="logo_alt_fi"),
        migrations.RemoveField(model_name="partner", name="logo_alt_sv"),
        migrations.RemoveField(model_name="partner", name="logo_alt_en"),
        migrations.RenameField(model_name="partner", old_name="logo_library", new_name="logo"),
        migrations.AlterField(
            model_name="partner",
            name="logo",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="partners",
                to="medialibrary.image", verbose_name="logo",
            ),
        ),
    ]
