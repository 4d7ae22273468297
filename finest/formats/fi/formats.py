# Finnish: dates in numbers (1.12.2019), times with a full stop (9.00), "klo" before a clock time.
# Django's format syntax for the *_FORMAT names; every letter that is not a format character is escaped.
DATE_FORMAT = "j.n.Y"
TIME_FORMAT = "G.i"
CLOCK_TIME_FORMAT = r"\k\l\o G.i"
DATETIME_FORMAT = r"j.n.Y \k\l\o G.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j.n."
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
FIRST_DAY_OF_WEEK = 1  # Monday

# strptime syntax. The first of each list is what the admin's widgets and calendar write; %d and %m
# also read one digit, so 1.1.2026 is accepted. Django appends the ISO formats itself.
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # 1.1.2026
    "%d.%m.%y",  # 1.1.26
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H.%M",  # 1.1.2026 9.00
    "%d.%m.%Y %H.%M.%S",
    "%d.%m.%Y klo %H.%M",  # 1.1.2026 klo 9.00
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%y %H.%M",
    "%d.%m.%Y",  # a date alone is midnight
]
TIME_INPUT_FORMATS = [
    "%H.%M",  # 9.00
    "%H.%M.%S",
    "%H:%M",
    "%H:%M:%S",
]

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a no-break space keeps 6 300 000 on one line
NUMBER_GROUPING = 3
