//! `moment` in the sandbox; expected values from moment 2.30.1 (in UTC mode, so they hold
//! in any time zone).

use super::test_support::expect_outputs;

const SETUP: &str = "var moment = require('moment'), m = moment.utc('2024-02-29T13:05:09.123Z'),\
     b = moment.utc('2023-01-31T00:00:00Z');";

fn check(script: &str, expected: &[&str]) {
    expect_outputs(&format!("{SETUP}\n{script}"), expected);
}

#[test]
fn formats_every_common_token() {
    check(
        "out(m.format('YYYY-MM-DD HH:mm:ss.SSS Z ZZ X x A a dddd ddd MMMM MMM Do D M YY h hh k Q DDD DDDD E e w W [literal] [Do]'));\
         out([m.format(), m.toISOString(), m.valueOf(), m.unix(), m.format('LLLL'), m.format('L LT LTS')].join(' | '));\
         out(moment.utc('2024-01-01').format('gggg GGGG WW ww') + ' ' + moment.utc('2023-12-31').format('w ww W') + ' ' + moment.utc('2024-12-29').week());\
         out(moment.utc(NaN).format() + ' ' + moment.utc(0).toJSON() + ' ' + String(moment.utc(0)));",
        &[
            "2024-02-29 13:05:09.123 +00:00 +0000 1709211909 1709211909123 PM pm Thursday Thu February Feb 29th 29 2 24 1 01 13 1 60 060 4 4 9 9 literal Do",
            "2024-02-29T13:05:09Z | 2024-02-29T13:05:09.123Z | 1709211909123 | 1709211909 | Thursday, February 29, 2024 1:05 PM | 02/29/2024 1:05 PM 1:05:09 PM",
            "2024 2024 01 01 1 01 52 1",
            "Invalid date 1970-01-01T00:00:00.000Z Thu Jan 01 1970 00:00:00 GMT+0000",
        ],
    );
}

#[test]
fn adds_and_rounds_to_units() {
    check(
        "out([m.clone().add(1, 'year').format(), m.clone().add(1, 'M').format(), m.clone().subtract(3, 'days').format(),\
           m.clone().add({ h: 2, m: 30 }).format(), m.clone().add(1, 'w').format('YYYY-MM-DD'),\
           m.clone().add(7, 'd').add(-1, 'months').format('YYYY-MM-DD')].join(' '));\
         out([m.clone().startOf('month').format(), m.clone().endOf('month').toISOString(), m.clone().startOf('week').format(),\
           m.clone().startOf('isoWeek').format(), m.clone().endOf('day').toISOString(), m.clone().startOf('year').format(),\
           m.clone().startOf('quarter').format(), m.clone().startOf('hour').toISOString()].join(' '));\
         out([m.year(), m.month(), m.date(), m.day(), m.hour(), m.minute(), m.second(), m.millisecond(), m.dayOfYear(),\
           m.isoWeek(), m.week(), m.quarter(), m.clone().month(0).date(31).month(1).format('YYYY-MM-DD')].join(' '));",
        &[
            "2025-02-28T13:05:09Z 2024-03-29T13:05:09Z 2024-02-26T13:05:09Z 2024-02-29T15:35:09Z 2024-03-07 2024-02-07",
            "2024-02-01T00:00:00Z 2024-02-29T23:59:59.999Z 2024-02-25T00:00:00Z 2024-02-26T00:00:00Z 2024-02-29T23:59:59.999Z 2024-01-01T00:00:00Z 2024-01-01T00:00:00Z 2024-02-29T13:00:00.000Z",
            "2024 1 29 4 13 5 9 123 60 9 9 1 2024-02-29",
        ],
    );
}

#[test]
fn diffs_and_comparisons() {
    check(
        "out([m.diff(b), m.diff(b, 'days'), m.diff(b, 'months'), m.diff(b, 'months', true), m.diff(b, 'years', true),\
           b.diff(m, 'weeks'), m.diff(b, 'hours')].join(' '));\
         out([m.isAfter(b), m.isBefore(b), m.isSame(m.clone()), m.isSame('2024-02-29T00:00:00Z', 'day'),\
           m.isBetween(b, moment.utc('2025-01-01')), moment.utc('2024-13-01').isValid(),\
           moment('not a date', 'YYYY-MM-DD').isValid(), moment.utc('2024-02-30').format()].join(' '));",
        &[
            "34088709123 394 13 13.017588531586021 1.0847990442988351 -56 9469",
            "true false true true true false false Invalid date",
        ],
    );
}

#[test]
fn parses_formats_iso_and_inputs() {
    check(
        "out([moment.utc('31/12/2023 11:45 pm', 'DD/MM/YYYY hh:mm a').format(), moment.utc('March 5th 2021', 'MMMM Do YYYY').format(),\
           moment.utc('1700000000', 'X').format(), moment.unix(1700000000).utc().format(),\
           moment.utc('2021-03-05T10:00:00+02:00').format()].join(' '));\
         out(moment.utc([2020, 0, 15]).format() + ' ' + moment.utc({ year: 2020, month: 5, day: 3 }).format());\
         out([moment.utc('2020-05-05 10:20').format(), moment.utc('20200505').format(),\
           moment.utc('2020-05-05T10:20:30.5').toISOString()].join(' '));\
         out([moment.utc(undefined).isValid(), moment.utc(null).isValid(), moment.utc('').isValid(), moment.isMoment(m),\
           moment.utc('2020-01-02', moment.ISO_8601).format()].join(' '));",
        &[
            "2023-12-31T23:45:00Z 2021-03-05T00:00:00Z 2023-11-14T22:13:20Z 2023-11-14T22:13:20Z 2021-03-05T08:00:00Z",
            "2020-01-15T00:00:00Z 2020-06-03T00:00:00Z",
            "2020-05-05T10:20:00Z 2020-05-05T00:00:00Z 2020-05-05T10:20:30.500Z",
            "true false false true 2020-01-02T00:00:00Z",
        ],
    );
}

#[test]
fn relative_time_and_durations() {
    check(
        "var n = moment();\
         out([n.clone().subtract(5, 'minutes').fromNow(), n.clone().add(3, 'days').fromNow(),\
           n.clone().subtract(40, 's').fromNow(), n.clone().subtract(1, 'year').fromNow(true),\
           n.clone().subtract(50, 'days').from(n)].join(' | '));\
         var d = moment.duration(90, 'minutes');\
         out([d.asHours(), d.hours(), d.minutes(), d.humanize(), moment.duration({ days: 2, hours: 3 }).asHours(),\
           moment.duration('PT1H30M').asMinutes(), d.toISOString(), moment.duration(2, 'days').humanize(true)].join(' '));\
         out(moment().format('YYYY-MM-DD') === moment(new Date()).format('YYYY-MM-DD'));",
        &[
            "5 minutes ago | in 3 days | a few seconds ago | a year | 2 months ago",
            "1.5 1 30 2 hours 51 90 PT1H30M in 2 days",
            "true",
        ],
    );
}
