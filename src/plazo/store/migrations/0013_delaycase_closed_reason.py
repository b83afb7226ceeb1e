from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plazo', '0012_workitem_done_recorded_at'),
    ]

    operations = [
        migrations.AddField(
            model_name='delaycase',
            name='closed_reason',
            field=models.TextField(blank=True, help_text='Why a draft case was discarded, in the words of the person who did it'),
        ),
    ]
