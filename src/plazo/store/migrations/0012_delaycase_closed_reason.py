from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plazo', '0011_membership_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='delaycase',
            name='closed_reason',
            field=models.TextField(blank=True, help_text='Why a draft case was discarded, in the words of the person who did it'),
        ),
    ]
