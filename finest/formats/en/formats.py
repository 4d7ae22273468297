# British English: the day first (1 December 2019, 1/12/2019) and the 24-hour clock (09:00), as the
# programme's audience in Helsinki and Tallinn reads times; never the US "Dec. 1, 2019".
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
CLOCK_TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# The first of each list is what the admin's widgets and calendar write. Day first: 1/1/2026 or
# 1 January 2026 (%B reads English month names; the process runs in the C locale).
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 01/01/2026, 1/1/2026
    "%d/%m/%y",  # 1/1/26
    "%d %B %Y",  # 1 January 2026
    "%d %b %Y",  # 1 Jan 2026
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",  # 01/01/2026 09:00
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%y %H:%M",
    "%d %B %Y %H:%M",  # 1 January 2026 09:00
    "%d %B %Y, %H:%M",
    "%d/%m/%Y",
    "%d %B %Y",
]
TIME_INPUT_FORMATS = [
    "%H:%M",  # 09:00
    "%H:%M:%S",
]

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
