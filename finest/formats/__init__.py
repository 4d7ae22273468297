"""The portal's own date, time and number formats per language (settings.FORMAT_MODULE_PATH).

Django's defaults are written for other audiences: ``en`` is US English ("Dec. 1, 2019"), ``sv`` is
Sweden's Swedish (ISO dates, "09:00"), ``fi`` writes dates out in words. The portal follows en-GB,
Finland-Swedish and Finnish practice instead, and its admin date fields take the day first.

Besides Django's names, every module defines ``CLOCK_TIME_FORMAT``: a time of day as running text
writes it ("klo 9.00", "kl. 9.00", "09:00"), for ``{{ start|date:"CLOCK_TIME_FORMAT" }}–{{ end|date:"TIME_FORMAT" }}``.
All three modules must define it: Django returns an unknown format name unchanged.
"""
