#!/usr/bin/env python3
"""Makes the small covariate data sets of tools/accuracy/covariates.sh (testdata/covariates/) from the public
exports in ../shared/datasets/covariates (fpp2 and tsibbledata, GPL-3; see testdata/covariates/README.md).

elecdaily.csv   fpp2 elecdaily unchanged (2014, daily) plus temperature2 = temperature^2 (fpp2's
                dynamic regression of these data uses Temperature and Temperature^2 with WorkDay: demand
                rises with heat and with cold, which a linear term cannot express).
vic_elec.csv    tsibbledata vic_elec, half-hourly, only 2014-10-06 00:00 to 2014-12-31 23:30 local time: the
                whole span lies in daylight-saving time (+11:00), so local time stamps are regular and the
                calendar features (time of day, day of week) are local. Columns: time (local, no offset),
                demand, temperature, temperature2 (its square), holiday (0/1) and workday (1 on Monday to
                Friday that are not public holidays; known from the calendar).
uschange.csv    fpp2 uschange unchanged (quarterly percentage changes, 1970 Q1 to 2016 Q3).

Run from the repository root: python3 tools/accuracy/covariates_data.py [SOURCE_DIR]
"""
import csv
import datetime
import os
import shutil
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/datasets/covariates'
if not os.path.isdir(SRC):
    SRC = '../shared/datasets/covariates'
OUT = 'testdata/covariates'
VIC_FIRST = '2014-10-06T00:00:00'


def fmt(x):
    return repr(round(x, 6)).rstrip('0').rstrip('.') if '.' in repr(round(x, 6)) else repr(round(x, 6))


def elecdaily():
    with open(os.path.join(SRC, 'elecdaily.csv')) as f, open(os.path.join(OUT, 'elecdaily.csv'), 'w', newline='') as g:
        w = csv.writer(g, lineterminator='\n')
        w.writerow(['date', 'demand', 'workday', 'temperature', 'temperature2'])
        for r in csv.DictReader(f):
            t = float(r['temperature'])
            w.writerow([r['date'], r['demand'], r['workday'], r['temperature'], fmt(t * t)])


def vic_elec():
    with open(os.path.join(SRC, 'vic_elec.csv')) as f, open(os.path.join(OUT, 'vic_elec.csv'), 'w', newline='') as g:
        w = csv.writer(g, lineterminator='\n')
        w.writerow(['time', 'demand', 'temperature', 'temperature2', 'holiday', 'workday'])
        for r in csv.DictReader(f):
            local, offset = r['time_local'][:19], r['time_local'][19:]
            if local < VIC_FIRST:
                continue
            if offset != '+11:00':
                raise SystemExit(f'vic_elec: {r["time_local"]} is not in daylight-saving time')
            t = float(r['temperature'])
            day = datetime.date.fromisoformat(local[:10])
            workday = int(day.weekday() < 5 and r['holiday'] == '0')
            w.writerow([local, r['demand'], r['temperature'], fmt(t * t), r['holiday'], workday])


def main():
    os.makedirs(OUT, exist_ok=True)
    elecdaily()
    vic_elec()
    shutil.copyfile(os.path.join(SRC, 'uschange.csv'), os.path.join(OUT, 'uschange.csv'))


if __name__ == '__main__':
    main()
