# Finland-Swedish: dates in numbers as in Finnish (1.12.2019), times with a full stop (9.00),
# "kl." before a clock time. Sweden's ISO dates and 09:00 are not used in Finland.
DATE_FORMAT = "j.n.Y"
TIME_FORMAT = "G.i"
CLOCK_TIME_FORMAT = r"\k\l. G.i"
DATETIME_FORMAT = r"j.n.Y \k\l. G.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j.n."
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
FIRST_DAY_OF_WEEK = 1  # Monday

# The first of each list is what the admin's widgets and calendar write; 1.1.2026 is accepted.
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # 1.1.2026
    "%d.%m.%y",  # 1.1.26
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H.%M",  # 1.1.2026 9.00
    "%d.%m.%Y %H.%M.%S",
    "%d.%m.%Y kl. %H.%M",  # 1.1.2026 kl. 9.00
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%y %H.%M",
    "%d.%m.%Y",
]
TIME_INPUT_FORMATS = [
    "%H.%M",  # 9.00
    "%H.%M.%S",
    "%H:%M",
    "%H:%M:%S",
]

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # no-break space
NUMBER_GROUPING = 3
