"""Meeting times typed in Russian, Chinese, Finnish and English are read exactly, or refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.timephrases.reader import Reading, normalise, read_when
from bot.timephrases.report import when_cli

# Fixed "now" values, chosen so weekday arithmetic is not trivial:
# a Friday evening, a Tuesday morning (the 28th, so "28 July" is today), and DST edges.
MSK_FRI = "2026-07-24T19:30+03:00"  # Friday 19:30 in Moscow
MSK_TUE = "2026-07-28T09:15+03:00"  # Tuesday 09:15 in Moscow
SHA_FRI = "2026-07-24T19:30+08:00"  # Friday 19:30 in Shanghai
SHA_TUE = "2026-07-28T09:15+08:00"  # Tuesday 09:15 in Shanghai
HEL_FRI = "2026-07-24T19:30+03:00"  # Friday 19:30 in Helsinki (summer time)
HEL_TUE = "2026-07-28T09:15+03:00"  # Tuesday 09:15 in Helsinki
HEL_WED_AFTER_28 = "2026-07-29T10:00+03:00"  # 28 July has just passed
HEL_MARCH = "2027-03-10T09:00+02:00"  # Wednesday, before the last Sunday of March (UTC+2)
MSK_MARCH = "2027-03-10T09:00+03:00"  # the same Wednesday in Moscow: Helsinki is an hour behind
HEL_BEFORE_GAP = "2027-03-26T18:00+02:00"  # Friday before the 2027-03-28 spring-forward
HEL_BEFORE_FALLBACK = "2026-10-23T18:00+03:00"  # Friday before the 2026-10-25 fall-back
UTC_FRI = "2026-07-24T19:30+00:00"
UTC_TUE = "2026-07-28T09:15+00:00"

MSK, SHA, HEL, NYC = "Europe/Moscow", "Asia/Shanghai", "Europe/Helsinki", "America/New_York"

Case = tuple[str, str, str, str | None]  # phrase, chat zone, now, expected local instant or None

RU_CASES: list[Case] = [
    # The list.
    ("завтра в 15:00", MSK, MSK_FRI, "2026-07-25T15:00+03:00"),
    ("завтра в 15", MSK, MSK_FRI, "2026-07-25T15:00+03:00"),  # dateparser: current time
    ("послезавтра в 10 утра", MSK, MSK_FRI, "2026-07-26T10:00+03:00"),
    ("в следующий вторник в 10:00", MSK, MSK_FRI, "2026-07-28T10:00+03:00"),
    ("в следующий вторник в 10:00", MSK, MSK_TUE, "2026-08-04T10:00+03:00"),
    ("28 июля в 14:00", MSK, MSK_FRI, "2026-07-28T14:00+03:00"),
    ("28 июля в 14:00", MSK, MSK_TUE, "2026-07-28T14:00+03:00"),
    ("в пятницу в 18:30", MSK, MSK_FRI, "2026-07-31T18:30+03:00"),  # today's has passed
    ("в пятницу в 20:00", MSK, MSK_FRI, "2026-07-24T20:00+03:00"),  # today's is ahead
    ("в пятницу в 18:30", MSK, MSK_TUE, "2026-07-31T18:30+03:00"),
    # Zones named in the phrase.
    ("завтра в 15:00 по Москве", SHA, MSK_TUE, "2026-07-29T15:00+03:00"),
    ("завтра в 15:00 мск", HEL, MSK_FRI, "2026-07-25T15:00+03:00"),
    ("завтра в 15:00 (MSK)", HEL, MSK_FRI, "2026-07-25T15:00+03:00"),
    ("по Москве завтра в 15:00", SHA, MSK_TUE, "2026-07-29T15:00+03:00"),
    ("завтра в 15:00 по Пекину", MSK, MSK_FRI, "2026-07-25T15:00+08:00"),
    ("завтра в 15:00 Пекин", MSK, MSK_FRI, "2026-07-25T15:00+08:00"),
    ("завтра в 15:00 по Хельсинки", MSK, MSK_FRI, "2026-07-25T15:00+03:00"),
    ("завтра в 15:00 UTC", MSK, MSK_FRI, "2026-07-25T15:00+00:00"),
    # Bare zone words at the end, without "по".
    ("завтра в 15:00 Москва", SHA, MSK_TUE, "2026-07-29T15:00+03:00"),
    ("завтра в 15:00 MSK", SHA, MSK_TUE, "2026-07-29T15:00+03:00"),
    ("завтра в 15:00 Moscow", SHA, MSK_TUE, "2026-07-29T15:00+03:00"),
    ("завтра в 15:00 Пекин", HEL, MSK_TUE, "2026-07-29T15:00+08:00"),
    ("завтра в 15:00 Beijing", MSK, MSK_TUE, "2026-07-29T15:00+08:00"),
    ("завтра в 15:00 Хельсинки", MSK, MSK_MARCH, "2027-03-11T15:00+02:00"),
    ("завтра в 15:00 Helsinki", MSK, MSK_MARCH, "2027-03-11T15:00+02:00"),
    ("завтра в 15:00 UTC", MSK, MSK_MARCH, "2027-03-11T15:00+00:00"),
    # More ways of saying it.
    ("сегодня в 21:00", MSK, MSK_FRI, "2026-07-24T21:00+03:00"),
    ("в 10:00", MSK, MSK_FRI, "2026-07-25T10:00+03:00"),
    ("в 21:00", MSK, MSK_FRI, "2026-07-24T21:00+03:00"),
    ("сегодня вечером в 9", MSK, MSK_FRI, "2026-07-24T21:00+03:00"),
    ("завтра утром в 9", MSK, MSK_FRI, "2026-07-25T09:00+03:00"),
    ("завтра в 3 часа дня", MSK, MSK_FRI, "2026-07-25T15:00+03:00"),
    ("завтра в 15 часов", MSK, MSK_FRI, "2026-07-25T15:00+03:00"),
    ("завтра в 6 вечера", MSK, MSK_FRI, "2026-07-25T18:00+03:00"),
    ("завтра в 11 ночи", MSK, MSK_FRI, "2026-07-25T23:00+03:00"),
    ("завтра в полдень", MSK, MSK_FRI, "2026-07-25T12:00+03:00"),
    ("Завтра к 15:00.", MSK, MSK_FRI, "2026-07-25T15:00+03:00"),
    ("во вторник в 10:00", MSK, MSK_TUE, "2026-07-28T10:00+03:00"),
    ("в субботу в 12:00", MSK, MSK_FRI, "2026-07-25T12:00+03:00"),
    ("в эту субботу в 12:00", MSK, MSK_FRI, "2026-07-25T12:00+03:00"),
    ("в следующую пятницу в 18:00", MSK, MSK_FRI, "2026-07-31T18:00+03:00"),
    ("в пт в 18:30", MSK, MSK_TUE, "2026-07-31T18:30+03:00"),
    ("на следующей неделе во вторник в 10:00", MSK, MSK_TUE, "2026-08-04T10:00+03:00"),
    ("через 2 часа", MSK, MSK_FRI, "2026-07-24T21:30+03:00"),
    ("через час", MSK, MSK_FRI, "2026-07-24T20:30+03:00"),
    ("через полчаса", MSK, MSK_FRI, "2026-07-24T20:00+03:00"),
    ("через 2 дня в 15:00", MSK, MSK_FRI, "2026-07-26T15:00+03:00"),
    ("28.07 в 14:00", MSK, MSK_FRI, "2026-07-28T14:00+03:00"),
    ("28.07.2027 в 14:00", MSK, MSK_FRI, "2027-07-28T14:00+03:00"),
    ("28 июля 2027 года в 14:00", MSK, MSK_FRI, "2027-07-28T14:00+03:00"),
    ("1 авг в 10:00", MSK, MSK_FRI, "2026-08-01T10:00+03:00"),
    ("в субботу 25 июля в 10:00", MSK, MSK_FRI, "2026-07-25T10:00+03:00"),
    ("завтра в 03:00", MSK, MSK_FRI, "2026-07-25T03:00+03:00"),
    # Refused: no time, a number that may not be an hour, contradictions, impossible dates.
    ("завтра", MSK, MSK_FRI, None),
    ("28 июля", MSK, MSK_FRI, None),
    ("в пятницу", MSK, MSK_FRI, None),
    ("завтра 15", MSK, MSK_FRI, None),
    ("завтра в 3", MSK, MSK_FRI, None),  # 03:00 or 15:00? ask
    ("завтра в 12 вечера", MSK, MSK_FRI, None),
    ("сегодня в 10:00", MSK, MSK_FRI, None),  # already past
    ("14 июля 2114", MSK, MSK_FRI, None),
    ("14 июля 2114 в 10:00", MSK, MSK_FRI, None),
    ("31 июня в 10:00", MSK, MSK_FRI, None),
    ("завтра в 15:00 в 16:00", MSK, MSK_FRI, None),
    ("в пятницу 25 июля в 10:00", MSK, MSK_FRI, None),  # 25 July 2026 is a Saturday
    ("завтра в 15:00 по москве по москве", MSK, MSK_FRI, None),
    ("привет", MSK, MSK_FRI, None),
    ("28 июля 14", MSK, MSK_FRI, None),
]

ZH_CASES: list[Case] = [
    # The list.
    ("明天下午3点", SHA, SHA_FRI, "2026-07-25T15:00+08:00"),
    ("后天上午9点", SHA, SHA_FRI, "2026-07-26T09:00+08:00"),
    ("下周二上午10点", SHA, SHA_FRI, "2026-07-28T10:00+08:00"),
    ("下周二上午10点", SHA, SHA_TUE, "2026-08-04T10:00+08:00"),
    ("7月28日14:00", SHA, SHA_FRI, "2026-07-28T14:00+08:00"),
    ("星期五18:30", SHA, SHA_FRI, "2026-07-31T18:30+08:00"),
    ("星期五20:00", SHA, SHA_FRI, "2026-07-24T20:00+08:00"),
    ("星期五18:30", SHA, SHA_TUE, "2026-07-31T18:30+08:00"),
    ("明天15:00", SHA, SHA_FRI, "2026-07-25T15:00+08:00"),
    # Zones: Moscow's Friday 19:30 is already Saturday 00:30 in Beijing; "明天" is still Saturday.
    ("明天下午3点 北京时间", MSK, MSK_FRI, "2026-07-25T15:00+08:00"),
    ("明天下午3点北京时间", MSK, MSK_TUE, "2026-07-29T15:00+08:00"),
    ("北京时间明天下午3点", MSK, MSK_TUE, "2026-07-29T15:00+08:00"),
    ("明天下午3点 莫斯科时间", SHA, SHA_TUE, "2026-07-29T15:00+03:00"),
    ("明天下午3点 赫尔辛基", SHA, SHA_TUE, "2026-07-29T15:00+03:00"),
    ("明天下午3点 UTC", SHA, SHA_TUE, "2026-07-29T15:00+00:00"),
    # Bare zone words at the end.
    ("明天下午3点 北京", MSK, MSK_TUE, "2026-07-29T15:00+08:00"),
    ("明天下午3点北京", MSK, MSK_TUE, "2026-07-29T15:00+08:00"),
    ("明天下午3点 北京时间", HEL, MSK_TUE, "2026-07-29T15:00+08:00"),
    ("明天下午3点 莫斯科", SHA, SHA_TUE, "2026-07-29T15:00+03:00"),
    ("明天下午3点 MSK", SHA, SHA_TUE, "2026-07-29T15:00+03:00"),
    ("明天下午3点 赫尔辛基", MSK, MSK_MARCH, "2027-03-11T15:00+02:00"),
    ("明天下午3点 Helsinki", SHA, SHA_TUE, "2026-07-29T15:00+03:00"),
    ("明天下午3点 Moscow", SHA, SHA_TUE, "2026-07-29T15:00+03:00"),
    # More ways of saying it.
    ("明天下午3点半", SHA, SHA_FRI, "2026-07-25T15:30+08:00"),
    ("明天下午三点", SHA, SHA_FRI, "2026-07-25T15:00+08:00"),
    ("明天十点", SHA, SHA_FRI, "2026-07-25T10:00+08:00"),
    ("明天上午10点15分", SHA, SHA_FRI, "2026-07-25T10:15+08:00"),
    ("明天上午十点一刻", SHA, SHA_FRI, "2026-07-25T10:15+08:00"),
    ("明天中午", SHA, SHA_FRI, "2026-07-25T12:00+08:00"),
    ("明天凌晨2点", SHA, SHA_FRI, "2026-07-25T02:00+08:00"),
    ("今晚8点", SHA, SHA_FRI, "2026-07-24T20:00+08:00"),
    ("明晚7点半", SHA, SHA_FRI, "2026-07-25T19:30+08:00"),
    ("大后天下午2点", SHA, SHA_FRI, "2026-07-27T14:00+08:00"),
    ("下下周一上午10点", SHA, SHA_FRI, "2026-08-03T10:00+08:00"),
    ("这周五下午3点", SHA, SHA_TUE, "2026-07-31T15:00+08:00"),
    ("周六上午10点", SHA, SHA_FRI, "2026-07-25T10:00+08:00"),
    ("星期天下午3点", SHA, SHA_FRI, "2026-07-26T15:00+08:00"),
    ("下个星期二上午10点", SHA, SHA_TUE, "2026-08-04T10:00+08:00"),
    ("2小时后", SHA, SHA_FRI, "2026-07-24T21:30+08:00"),
    ("半小时后", SHA, SHA_FRI, "2026-07-24T20:00+08:00"),
    ("一个半小时后", SHA, SHA_FRI, "2026-07-24T21:00+08:00"),
    ("3天后下午3点", SHA, SHA_FRI, "2026-07-27T15:00+08:00"),
    ("2027年7月28日下午2点", SHA, SHA_FRI, "2027-07-28T14:00+08:00"),
    ("七月二十八日下午两点", SHA, SHA_FRI, "2026-07-28T14:00+08:00"),
    ("7月28号 14：00", SHA, SHA_FRI, "2026-07-28T14:00+08:00"),  # full-width colon
    # Refused.
    ("明天", SHA, SHA_FRI, None),
    ("星期五", SHA, SHA_FRI, None),
    ("明天3点", SHA, SHA_FRI, None),  # 03:00 or 15:00? ask
    ("明天晚上12点", SHA, SHA_FRI, None),
    ("这周五下午3点", SHA, SHA_FRI, None),  # this week's Friday 15:00 has passed
    ("明天下午3点 火星时间", SHA, SHA_FRI, None),
    ("你好", SHA, SHA_FRI, None),
]

FI_CASES: list[Case] = [
    # The list.
    ("huomenna klo 15", HEL, HEL_FRI, "2026-07-25T15:00+03:00"),  # dateparser: current time
    ("huomenna kello 15", HEL, HEL_FRI, "2026-07-25T15:00+03:00"),
    ("ensi tiistaina klo 10", HEL, HEL_FRI, "2026-07-28T10:00+03:00"),
    ("ensi tiistaina klo 10", HEL, HEL_TUE, "2026-08-04T10:00+03:00"),
    ("28. heinäkuuta klo 14", HEL, HEL_FRI, "2026-07-28T14:00+03:00"),  # dateparser: 2114
    ("28. heinäkuuta klo 14", HEL, HEL_TUE, "2026-07-28T14:00+03:00"),
    ("28. heinäkuuta klo 14", HEL, HEL_WED_AFTER_28, "2027-07-28T14:00+03:00"),
    ("perjantaina klo 18.30", HEL, HEL_FRI, "2026-07-31T18:30+03:00"),
    ("perjantaina klo 18.30", HEL, HEL_TUE, "2026-07-31T18:30+03:00"),
    # Zones.
    ("huomenna klo 15 UTC", HEL, HEL_FRI, "2026-07-25T15:00+00:00"),
    ("huomenna klo 15 Helsingin aikaa", MSK, MSK_FRI, "2026-07-25T15:00+03:00"),
    ("huomenna klo 15 Europe/Moscow", HEL, HEL_FRI, "2026-07-25T15:00+03:00"),
    ("huomenna klo 15 pekingin aikaa", HEL, HEL_TUE, "2026-07-29T15:00+08:00"),
    ("huomenna klo 15 MSK", HEL, HEL_MARCH, "2027-03-11T15:00+03:00"),
    ("huomenna klo 15 Moscow", HEL, HEL_MARCH, "2027-03-11T15:00+03:00"),
    ("huomenna klo 15 Beijing", HEL, HEL_TUE, "2026-07-29T15:00+08:00"),
    ("huomenna klo 15 Helsinki", MSK, MSK_MARCH, "2027-03-11T15:00+02:00"),
    # DST: a Helsinki meeting in March is UTC+2, in July UTC+3.
    ("huomenna klo 15", HEL, HEL_MARCH, "2027-03-11T15:00+02:00"),
    ("ensi tiistaina klo 10", HEL, HEL_MARCH, "2027-03-16T10:00+02:00"),
    ("28. heinäkuuta klo 14", HEL, HEL_MARCH, "2027-07-28T14:00+03:00"),
    ("28.3. klo 04.30", HEL, HEL_BEFORE_GAP, "2027-03-28T04:30+03:00"),
    ("28.3. klo 02.30", HEL, HEL_BEFORE_GAP, "2027-03-28T02:30+02:00"),
    # The repeated fall-back hour: the first (summer-time) occurrence.
    ("sunnuntaina klo 03.30", HEL, HEL_BEFORE_FALLBACK, "2026-10-25T03:30+03:00"),
    # More ways of saying it.
    ("tänään klo 17", HEL, HEL_TUE, "2026-07-28T17:00+03:00"),
    ("ylihuomenna klo 9", HEL, HEL_TUE, "2026-07-30T09:00+03:00"),
    ("klo 15", HEL, HEL_TUE, "2026-07-28T15:00+03:00"),
    ("klo 9", HEL, HEL_TUE, "2026-07-29T09:00+03:00"),  # 09:00 today has passed
    ("2 tunnin päästä", HEL, HEL_TUE, "2026-07-28T11:15+03:00"),
    ("kahden tunnin kuluttua", HEL, HEL_TUE, "2026-07-28T11:15+03:00"),
    ("puolen tunnin päästä", HEL, HEL_TUE, "2026-07-28T09:45+03:00"),
    ("3 päivän päästä klo 15", HEL, HEL_TUE, "2026-07-31T15:00+03:00"),
    ("28.7. klo 14", HEL, HEL_FRI, "2026-07-28T14:00+03:00"),
    ("28.7.2027 klo 14", HEL, HEL_FRI, "2027-07-28T14:00+03:00"),
    ("maanantaina klo 9.15", HEL, HEL_TUE, "2026-08-03T09:15+03:00"),
    ("ensi perjantaina kello 18.30", HEL, HEL_TUE, "2026-08-07T18:30+03:00"),
    ("huomenna illalla klo 7", HEL, HEL_TUE, "2026-07-29T19:00+03:00"),
    ("huomenna klo 3 iltapäivällä", HEL, HEL_TUE, "2026-07-29T15:00+03:00"),
    ("tänä iltana klo 8", HEL, HEL_TUE, "2026-07-28T20:00+03:00"),
    ("ensi viikon tiistaina klo 10", HEL, HEL_TUE, "2026-08-04T10:00+03:00"),
    ("perjantaina 18.30", HEL, HEL_TUE, "2026-07-31T18:30+03:00"),
    ("huomenna klo 06", HEL, HEL_TUE, "2026-07-29T06:00+03:00"),
    # Refused.
    ("28.3. klo 03.30", HEL, HEL_BEFORE_GAP, None),  # spring-forward gap: never happens
    ("huomenna", HEL, HEL_TUE, None),
    ("huomenna klo 6", HEL, HEL_TUE, None),  # 06:00 or 18:00? ask
    ("huomenna klo 24", HEL, HEL_TUE, None),
    ("18.30", HEL, HEL_TUE, None),  # a time or 18 March? ask
    ("31. kesäkuuta klo 10", HEL, HEL_TUE, None),
    ("huomenna klo 15 Mars/Base", HEL, HEL_TUE, None),
    ("hei", HEL, HEL_TUE, None),
]

EN_CASES: list[Case] = [
    # The list.
    ("tomorrow 3pm", "UTC", UTC_FRI, "2026-07-25T15:00+00:00"),
    ("next Tuesday 10am", "UTC", UTC_FRI, "2026-07-28T10:00+00:00"),
    ("next Tuesday 10am", "UTC", UTC_TUE, "2026-08-04T10:00+00:00"),
    ("July 28 at 14:00", "UTC", UTC_FRI, "2026-07-28T14:00+00:00"),
    ("July 28 at 14:00", "UTC", UTC_TUE, "2026-07-28T14:00+00:00"),
    ("in 2 hours", "UTC", UTC_FRI, "2026-07-24T21:30+00:00"),
    ("Friday 18:30", "UTC", UTC_FRI, "2026-07-31T18:30+00:00"),
    ("Friday 18:30", "UTC", UTC_TUE, "2026-07-31T18:30+00:00"),
    ("2027-07-28 14:00", "UTC", UTC_FRI, "2027-07-28T14:00+00:00"),
    # Zones.
    ("tomorrow 3pm Helsinki", "UTC", UTC_FRI, "2026-07-25T15:00+03:00"),
    ("tomorrow 3pm Moscow time", "UTC", UTC_FRI, "2026-07-25T15:00+03:00"),
    ("tomorrow 3pm Beijing time", "UTC", UTC_TUE, "2026-07-29T15:00+08:00"),
    ("tomorrow 3pm Asia/Shanghai", "UTC", UTC_TUE, "2026-07-29T15:00+08:00"),
    ("tomorrow 3pm UTC+3", "UTC", UTC_TUE, "2026-07-29T15:00+03:00"),
    ("tomorrow 3pm GMT", HEL, HEL_TUE, "2026-07-29T15:00+00:00"),
    # Bare zone words at the end.
    ("tomorrow 3pm Beijing", "UTC", UTC_TUE, "2026-07-29T15:00+08:00"),
    ("tomorrow 3pm Moscow", "UTC", UTC_TUE, "2026-07-29T15:00+03:00"),
    ("tomorrow 3pm MSK", "UTC", UTC_TUE, "2026-07-29T15:00+03:00"),
    ("tomorrow 3pm Helsinki", MSK, MSK_MARCH, "2027-03-11T15:00+02:00"),
    ("tomorrow 3pm UTC", HEL, HEL_TUE, "2026-07-29T15:00+00:00"),
    ("tomorrow 3pm Москва", "UTC", UTC_TUE, "2026-07-29T15:00+03:00"),
    ("tomorrow 3pm Пекин", "UTC", UTC_TUE, "2026-07-29T15:00+08:00"),
    ("tomorrow 3pm Хельсинки", MSK, MSK_MARCH, "2027-03-11T15:00+02:00"),
    ("tomorrow 3pm 莫斯科", "UTC", UTC_TUE, "2026-07-29T15:00+03:00"),
    ("tomorrow 3pm 北京", "UTC", UTC_TUE, "2026-07-29T15:00+08:00"),
    ("tomorrow 3pm 北京时间", "UTC", UTC_TUE, "2026-07-29T15:00+08:00"),
    ("tomorrow 3pm 赫尔辛基", MSK, MSK_MARCH, "2027-03-11T15:00+02:00"),
    ("tomorrow 3pm", NYC, UTC_FRI, "2026-07-25T15:00-04:00"),
    # Moscow and Shanghai keep one offset all year; Helsinki springs forward.
    ("2027-03-28 03:30", MSK, HEL_BEFORE_GAP, "2027-03-28T03:30+03:00"),
    ("2027-03-28 03:30", SHA, HEL_BEFORE_GAP, "2027-03-28T03:30+08:00"),
    ("2027-03-28 03:30", HEL, HEL_BEFORE_GAP, None),
    ("2027-03-28T04:30", HEL, HEL_BEFORE_GAP, "2027-03-28T04:30+03:00"),
    # More ways of saying it.
    ("this tuesday 10am", "UTC", UTC_TUE, "2026-07-28T10:00+00:00"),
    ("tuesday 9am", "UTC", UTC_TUE, "2026-08-04T09:00+00:00"),
    ("in an hour", "UTC", UTC_TUE, "2026-07-28T10:15+00:00"),
    ("in half an hour", "UTC", UTC_TUE, "2026-07-28T09:45+00:00"),
    ("in 2 hours 30 minutes", "UTC", UTC_TUE, "2026-07-28T11:45+00:00"),
    ("in an hour and a half", "UTC", UTC_TUE, "2026-07-28T10:45+00:00"),
    ("in 3 days at 3pm", "UTC", UTC_TUE, "2026-07-31T15:00+00:00"),
    ("tonight at 8", "UTC", UTC_TUE, "2026-07-28T20:00+00:00"),
    ("tomorrow morning at 9", "UTC", UTC_TUE, "2026-07-29T09:00+00:00"),
    ("tomorrow at noon", "UTC", UTC_TUE, "2026-07-29T12:00+00:00"),
    ("3pm tomorrow", "UTC", UTC_TUE, "2026-07-29T15:00+00:00"),
    ("tomorrow 10 a.m.", "UTC", UTC_TUE, "2026-07-29T10:00+00:00"),
    ("tomorrow 12am", "UTC", UTC_TUE, "2026-07-29T00:00+00:00"),
    ("at 10:30", "UTC", UTC_TUE, "2026-07-28T10:30+00:00"),
    ("the day after tomorrow at 9am", "UTC", UTC_TUE, "2026-07-30T09:00+00:00"),
    ("28th of July at 5pm", "UTC", UTC_TUE, "2026-07-28T17:00+00:00"),
    ("July 28th, 2027 at 5pm", "UTC", UTC_TUE, "2027-07-28T17:00+00:00"),
    ("on Friday at 18:30", "UTC", UTC_TUE, "2026-07-31T18:30+00:00"),
    ("fri 6:30pm", "UTC", UTC_TUE, "2026-07-31T18:30+00:00"),
    ("next week tuesday 10am", "UTC", UTC_FRI, "2026-07-28T10:00+00:00"),
    ("13/08 15:00", "UTC", UTC_TUE, "2026-08-13T15:00+00:00"),
    ("08/13 15:00", "UTC", UTC_TUE, "2026-08-13T15:00+00:00"),
    # Refused.
    ("03/04 15:00", "UTC", UTC_TUE, None),  # 3 April or 4 March? ask
    ("hello", "UTC", UTC_TUE, None),
    ("15", "UTC", UTC_TUE, None),  # never an hour, a day or a year on its own
    ("tomorrow", "UTC", UTC_TUE, None),
    ("tomorrow at 3", "UTC", UTC_TUE, None),
    ("tomorrow at 25:00", "UTC", UTC_TUE, None),
    ("tomorrow at midnight", "UTC", UTC_TUE, None),
    ("in 2 days", "UTC", UTC_TUE, None),
    ("next week", "UTC", UTC_TUE, None),
    ("July 28", "UTC", UTC_TUE, None),
    ("2020-01-01 10:00", "UTC", UTC_TUE, None),  # in the past
    ("2114-07-14 10:00", "UTC", UTC_TUE, None),  # implausibly far
    ("tomorrow 3pm Mars/Base", "UTC", UTC_TUE, None),
    ("tomorrow 3pm 4pm", "UTC", UTC_TUE, None),
    ("July 28 14", "UTC", UTC_TUE, None),  # 14 is neither a year nor, without "at", an hour
    ("tomorrow 15:00-16:00", "UTC", UTC_TUE, None),
]

ALL_CASES = RU_CASES + ZH_CASES + FI_CASES + EN_CASES
# Phrases read as an instant, and phrases refused (expected None): each kind has its own test.
READ_CASES = [
    (phrase, zone, now, want) for phrase, zone, now, want in ALL_CASES if want is not None
]
REFUSED_CASES = [(phrase, zone, now) for phrase, zone, now, want in ALL_CASES if want is None]


def _read(phrase: str, zone: str, now: str) -> Reading | None:
    """read_when with the ISO-string fixtures of this table."""
    return read_when(phrase, zone, datetime.fromisoformat(now))


@pytest.mark.parametrize(("phrase", "zone", "now", "expected"), READ_CASES)
def test_phrase_reads_as_exact_instant(phrase: str, zone: str, now: str, expected: str) -> None:
    reading = _read(phrase, zone, now)
    want = datetime.fromisoformat(expected)
    assert reading is not None, phrase
    assert reading.instant == want
    assert reading.instant.utcoffset() == timedelta(0)
    assert reading.local.utcoffset() == want.utcoffset()
    assert (reading.local.hour, reading.local.minute) == (want.hour, want.minute)


@pytest.mark.parametrize(("phrase", "zone", "now"), REFUSED_CASES)
def test_phrase_is_refused(phrase: str, zone: str, now: str) -> None:
    assert _read(phrase, zone, now) is None


def test_every_language_has_at_least_twenty_phrases() -> None:
    for cases in (RU_CASES, ZH_CASES, FI_CASES, EN_CASES):
        assert len({case[0] for case in cases}) >= 20
        assert any(case[3] is None for case in cases)  # each language refuses some phrases
    assert len(ALL_CASES) >= 80
    assert len(READ_CASES) + len(REFUSED_CASES) == len(ALL_CASES)


@pytest.mark.parametrize(("phrase", "zone", "now", "expected"), READ_CASES)
def test_future_phrases_never_land_in_the_past(
    phrase: str, zone: str, now: str, expected: str
) -> None:
    reading = _read(phrase, zone, now)
    assert reading is not None, phrase
    assert reading.instant >= datetime.fromisoformat(now)
    assert datetime.fromisoformat(expected) >= datetime.fromisoformat(now)  # the table too


def test_reading_records_the_zone_it_was_read_in() -> None:
    reading = _read("завтра в 15:00 по Москве", SHA, MSK_TUE)
    assert reading is not None
    assert (reading.zone, reading.zone_named) == ("Europe/Moscow", True)
    assert reading.local.isoformat() == "2026-07-29T15:00:00+03:00"

    plain = _read("завтра в 15:00", SHA, SHA_TUE)
    assert plain is not None
    assert (plain.zone, plain.zone_named) == ("Asia/Shanghai", False)
    assert plain.instant.tzinfo is UTC


def test_chat_zone_is_accepted_in_any_case() -> None:
    reading = _read("huomenna klo 15", "europe/helsinki", HEL_TUE)
    assert reading is not None and reading.zone == "Europe/Helsinki"


def test_utc_offset_zone_is_an_iana_name() -> None:
    reading = _read("tomorrow 3pm UTC+3", "UTC", UTC_TUE)
    assert reading is not None and reading.zone == "Etc/GMT-3"


def test_unknown_chat_zone_or_naive_now_is_a_caller_bug() -> None:
    with pytest.raises(ValueError):
        read_when("tomorrow 3pm", "Mars/Base", datetime.fromisoformat(UTC_TUE))
    with pytest.raises(ValueError):
        read_when("tomorrow 3pm", "UTC", datetime(2026, 7, 28, 9, 15))


def test_in_two_hours_keeps_seconds_of_now() -> None:
    now = datetime(2026, 7, 28, 9, 15, 42, tzinfo=UTC)
    reading = read_when("in 2 hours", "UTC", now)
    assert reading is not None and reading.instant == now + timedelta(hours=2)


def test_normalise_folds_width_case_and_yo() -> None:
    assert normalise("  Завтра  днём В 15：00!  ") == "завтра днем в 15:00"
    assert normalise("ＭＳＫ") == "msk"


# `parkbridge when TEXT --tz ZONE [--now ISO]`


def test_when_cli_prints_instant_with_offset_of_zone_read_in() -> None:
    assert when_cli("завтра в 15:00", MSK, "2026-07-28T09:00:00+03:00") == (
        "2026-07-29T15:00:00+03:00",
        0,
    )
    assert when_cli("tomorrow 3pm Helsinki", "UTC", "2026-07-28T06:00:00Z") == (
        "2026-07-29T15:00:00+03:00",
        0,
    )
    assert when_cli("明天下午3点", "asia/shanghai", "2026-07-28T09:00:00+08:00") == (
        "2026-07-29T15:00:00+08:00",
        0,
    )


def test_when_cli_reports_an_unreadable_phrase() -> None:
    line, status = when_cli("hello", HEL, "2026-07-28T09:00:00+03:00")
    assert status == 1
    assert line == (
        'could not read "hello" as a time; try e.g. "tomorrow 15:00" or "2026-07-28 14:00"'
    )


@pytest.mark.parametrize(
    ("zone", "now_iso", "needle"),
    [
        ("Mars/Base", "2026-07-28T09:00:00+03:00", "Mars/Base"),
        ("", "2026-07-28T09:00:00+03:00", "time zone"),
        (HEL, "yesterday", "yesterday"),
        (HEL, "2026-07-28T09:00:00", "offset"),  # naive: its zone would be a guess
        (HEL, "2026-13-01T09:00:00+03:00", "--now"),
    ],
)
def test_when_cli_rejects_bad_arguments_with_one_line(zone: str, now_iso: str, needle: str) -> None:
    line, status = when_cli("tomorrow 3pm", zone, now_iso)
    assert status == 2
    assert needle in line
    assert "\n" not in line


def test_when_cli_without_now_uses_the_real_clock() -> None:
    before = datetime.now(UTC)
    line, status = when_cli("in 2 hours", "UTC", None)
    after = datetime.now(UTC)
    assert status == 0
    printed = datetime.fromisoformat(line)
    assert before + timedelta(hours=2) <= printed <= after + timedelta(hours=2)
