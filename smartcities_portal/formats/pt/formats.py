"""Formats of Portuguese of Portugal (1990 spelling: month and weekday names in lowercase).

Django's bundled ``pt`` module is kept for input formats; the month and weekday names
themselves are lowercased in the project's pt_PT message catalogue.
"""

DATE_FORMAT = r"j \d\e F \d\e Y"  # 30 de abril de 2022
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e F"
SHORT_DATE_FORMAT = "d/m/Y"  # 30/04/2022
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # CLDR pt_PT groups digits with a no-break space: 1 234 567,89
NUMBER_GROUPING = 3
