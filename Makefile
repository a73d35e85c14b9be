# pekefb: PGXS build, plus the two commands of the README (make demo, make test).
EXTENSION    = pekefb
EXTVERSION   = 0.2.0
MODULE_big   = pekefb
OBJS         = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
SHLIB_LINK   = -lcjson
PG_CPPFLAGS  = -I$(srcdir)/src
# -Wextra on our code; PostgreSQL's own headers are not -Wextra clean, so they are read as
# system headers, and fmgr's calling convention hands every function an fcinfo it may not use.
PG_CFLAGS    = -Wall -Wextra -Werror -Wno-unused-parameter -isystem $(includedir_server)
DATA_built   = $(EXTENSION)--$(EXTVERSION).sql
EXTRA_CLEAN  = $(EXTENSION)--$(EXTVERSION).sql src/region_script.sql test/unit/*.bin results regression.diffs regression.out

# The install script is assembled from one part per subsystem, each kept beside its C file,
# and ends with the region half: src/region.sql (create_region, upgrade_region) and the
# region script embedded from src/region/ (doc/region.md).
SQL_PARTS = src/schema.sql src/tally.sql src/target.sql src/indicator.sql \
            src/calendar.sql src/deadline.sql src/access.sql src/waits.sql src/feedback.sql \
            src/region.sql src/region_script.sql
# The region script: one file per concept, run in this order by pekefb.create_region;
# region upgrade steps are src/region/upgrade/FROM--TO.sql, run by pekefb.upgrade_region.
REGION_PARTS = src/region/settings.sql src/region/organizations.sql src/region/indicators.sql \
               src/region/cases.sql src/region/feedback.sql \
               src/region/members.sql src/region/privacy.sql src/region/privacy_feedback.sql \
               src/region/views_indicators.sql \
               src/region/views_access.sql src/region/views_feedback.sql src/region/views_overview.sql \
               src/region/security.sql
REGION_UPGRADES = $(sort $(wildcard src/region/upgrade/*.sql))

REGRESS      = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=plpgsql

PG_CONFIG ?= $(shell command -v pg_config >/dev/null 2>&1 && echo pg_config || echo /usr/lib/postgresql/15/bin/pg_config)
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
endif

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS)
	cat $^ > $@

src/region_script.sql: $(REGION_PARTS) $(REGION_UPGRADES) src/region/embed.sh
	sh src/region/embed.sh $(REGION_PARTS) -- $(REGION_UPGRADES) > $@.tmp && mv $@.tmp $@

# Every object depends on every header of src/ (Debian's server is built without
# --enable-depend, so PGXS tracks none): a changed inline function rebuilds its callers.
$(OBJS) $(OBJS:.o=.bc): $(wildcard src/*.h)

.PHONY: demo test bench unit
# Both commands bootstrap a fresh Debian 12 machine (packages, build, install, throwaway cluster).
demo:
	test/run.sh demo
test:
	test/run.sh test
bench:
	test/run.sh bench
# Pure-C unit tests (no server): parsers, calendar, histogram maths.
unit:
	test/unit/run.sh
