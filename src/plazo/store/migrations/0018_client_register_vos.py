"""A third register for Spanish clients: informal with vos (voseo)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plazo", "0017_promise_events"),
    ]

    operations = [
        migrations.AlterField(
            model_name="client",
            name="register",
            field=models.CharField(
                choices=[
                    ("formal", "formal (usted / formal English)"),
                    ("informal", "informal (tú / casual English)"),
                    ("vos", "informal with vos (voseo / casual English)"),
                ],
                default="formal",
                max_length=16,
            ),
        ),
    ]
