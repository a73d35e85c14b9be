# pekefb: PGXS build, plus the two commands of the README (make demo, make test).
EXTENSION    = pekefb
# The version is the control file's default_version (one place to bump).
EXTVERSION   = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)
MODULE_big   = pekefb
OBJS         = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
PG_CPPFLAGS  = -I$(srcdir)/src
# -Wextra on our code; PostgreSQL's own headers are not -Wextra clean, so they are read as
# system headers, and fmgr's calling convention hands every function an fcinfo it may not use.
PG_CFLAGS    = -Wall -Wextra -Werror -Wno-unused-parameter -isystem $(includedir_server)
DATA_built   = $(EXTENSION)--$(EXTVERSION).sql $(UPGRADE_BUILT)
EXTRA_CLEAN  = $(EXTENSION)--$(EXTVERSION).sql $(UPGRADE_BUILT) src/region_script.sql .pg_built_for test/unit/*.bin test/fuzz/bin results regression.diffs regression.out \
               $(EXTENSION).exports
# Only the fmgr entry points are exported (PG15's PGDLLEXPORT is empty on Linux, so
# -fvisibility=hidden would hide them too): a linker version script generated from the
# PG_FUNCTION_INFO_V1 lines (and the PEKEFB_*_FUNCTIONS lines of src/pekefb.h's comparison
# and hash macros) keeps every other symbol local.  test/client/symbols.sh checks it.
SHLIB_LINK  += -Wl,--version-script=$(EXTENSION).exports
# Releases: each released install script is kept in src/releases/ exactly as released, with
# the upgrade scripts between releases (pekefb--a--b.sql). The current version's script is
# built from the parts below; once released it is frozen there by `make freeze`, and
# test/client/upgrade.sh checks that the build still equals it and that upgrading from the
# previous release equals a fresh install.
RELEASES     = $(wildcard src/releases/$(EXTENSION)--*.sql)
DATA         = $(filter-out src/releases/$(EXTENSION)--$(EXTVERSION).sql,$(RELEASES))
# The upgrade from the last release to the version in the making: its hand-written part is
# src/upgrade.sql (every library change since that release); the build appends the files of
# UPGRADE_REPLACE with CREATE OR REPLACE (upgrade_region, the embedded region texts and
# distribute_region change with the region in every version).  `make freeze` copies the built script into src/releases/.
LAST_RELEASE   = $(lastword $(filter-out $(EXTVERSION),$(shell ls src/releases/ 2>/dev/null | sed -n 's/^$(EXTENSION)--\([0-9.]*\)\.sql$$/\1/p' | sort -V)))
UPGRADE_REPLACE = src/region_upgrade.sql src/region_script.sql src/distribute.sql
UPGRADE_BUILT  = $(if $(and $(LAST_RELEASE),$(wildcard src/upgrade.sql)),$(EXTENSION)--$(LAST_RELEASE)--$(EXTVERSION).sql)

# The install script is assembled from one part per subsystem, each kept beside its C file,
# and ends with the region half: src/region.sql (create_region, upgrade_region) and the
# region script embedded from src/region/ (doc/region.md).
SQL_PARTS = src/schema.sql src/tally.sql src/target.sql src/indicator.sql \
            src/calendar.sql src/deadline.sql src/access.sql src/waits.sql src/feedback.sql src/load.sql \
            src/region.sql src/region_upgrade.sql src/region_script.sql src/distribute.sql
# The region script: one file per concept, run in this order by pekefb.create_region;
# region upgrade steps are src/region/upgrade/FROM--TO.sql, run by pekefb.upgrade_region.
REGION_PARTS = src/region/settings.sql src/region/organizations.sql src/region/indicators.sql \
               src/region/history.sql src/region/obligations.sql \
               src/region/cases.sql src/region/feedback.sql src/region/themes.sql src/region/development.sql \
               src/region/loading.sql src/region/members.sql src/region/references.sql src/region/states.sql \
               src/region/feedback_states.sql src/region/states_feedback.sql \
               src/region/views_privacy.sql src/region/views_privacy_feedback.sql \
               src/region/views_indicators.sql src/region/views_access.sql src/region/views_feedback.sql \
               src/region/views_overview.sql src/region/views_members.sql src/region/views_quality.sql \
               src/region/views_themes.sql src/region/views_development.sql src/region/views_loaders.sql \
               src/region/views_report.sql
REGION_UPGRADES = $(sort $(wildcard src/region/upgrade/*.sql))

REGRESS      = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=plpgsql

# pg_config from PATH (Debian's picks its newest server), else the newest Debian server's own;
# `make PG_CONFIG=/usr/lib/postgresql/17/bin/pg_config` chooses, and reaches test/run.sh too.
PG_CONFIG ?= $(shell command -v pg_config >/dev/null 2>&1 && echo pg_config || ls -v /usr/lib/postgresql/*/bin/pg_config 2>/dev/null | tail -n 1)
PGXS := $(if $(PG_CONFIG),$(shell $(PG_CONFIG) --pgxs 2>/dev/null))
ifneq ($(PGXS),)
include $(PGXS)
endif

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS)
	cat $^ > $@

ifneq ($(UPGRADE_BUILT),)
$(UPGRADE_BUILT): src/upgrade.sql $(UPGRADE_REPLACE)
	{ cat src/upgrade.sql; sed 's/^CREATE FUNCTION /CREATE OR REPLACE FUNCTION /' $(UPGRADE_REPLACE); } > $@
endif

$(EXTENSION).exports: $(sort $(wildcard src/*.c))
	{ echo '{ global: Pg_magic_func; _PG_init;'; \
	  sed -n -e 's/^PG_FUNCTION_INFO_V1(\([A-Za-z0-9_]*\));.*/    pg_finfo_\1; \1;/p' \
	    -e 's/^PEKEFB_COMPARISON_FUNCTIONS(\([A-Za-z0-9_]*\),.*/    pg_finfo_\1_eq; \1_eq; pg_finfo_\1_ne; \1_ne; pg_finfo_\1_lt; \1_lt; pg_finfo_\1_le; \1_le; pg_finfo_\1_gt; \1_gt; pg_finfo_\1_ge; \1_ge; pg_finfo_\1_cmp_fn; \1_cmp_fn;/p' \
	    -e 's/^PEKEFB_EQUALITY_FUNCTIONS(\([A-Za-z0-9_]*\),.*/    pg_finfo_\1_eq; \1_eq; pg_finfo_\1_ne; \1_ne;/p' \
	    -e 's/^PEKEFB_IMAGE_HASH_FUNCTIONS(\([A-Za-z0-9_]*\),.*/    pg_finfo_\1_hash; \1_hash; pg_finfo_\1_hash_extended; \1_hash_extended;/p' \
	    -e 's/^PEKEFB_ORDERING_FUNCTIONS(\([A-Za-z0-9_]*\),.*/    pg_finfo_\1_lt; \1_lt; pg_finfo_\1_le; \1_le; pg_finfo_\1_gt; \1_gt; pg_finfo_\1_ge; \1_ge; pg_finfo_\1_cmp_fn; \1_cmp_fn;/p' $^; \
	  echo 'local: *; };'; } > $@
$(shlib) all: $(EXTENSION).exports

src/region_script.sql: $(REGION_PARTS) $(REGION_UPGRADES) src/region/embed.sh
	sh src/region/embed.sh $(REGION_PARTS) -- $(REGION_UPGRADES) > $@.tmp && mv $@.tmp $@

# Every object depends on every header of src/ (Debian's server is built without
# --enable-depend, so PGXS tracks none): a changed inline function rebuilds its callers.
$(OBJS) $(OBJS:.o=.bc): $(wildcard src/*.h)

# Objects built for one server are rebuilt for another (PG_CONFIG=... for 15, then for 17):
# .pg_built_for names the server and changes only when it does.
ifneq ($(PGXS),)
$(OBJS) $(OBJS:.o=.bc): .pg_built_for
.pg_built_for: FORCE
	@echo '$(VERSION) $(includedir_server)' | cmp -s - $@ || echo '$(VERSION) $(includedir_server)' > $@
.PHONY: FORCE
endif

.PHONY: demo test bench unit test-debian13 test-citus freeze fuzz
# Freeze the current version's install script as released (never overwrites a release).
freeze: $(EXTENSION)--$(EXTVERSION).sql $(UPGRADE_BUILT)
	@test ! -e src/releases/$< || { echo "src/releases/$< exists: a release is never changed; bump default_version"; exit 1; }
	mkdir -p src/releases && cp $< src/releases/$<
	$(if $(UPGRADE_BUILT),cp $(UPGRADE_BUILT) src/releases/$(UPGRADE_BUILT) && git rm -q src/upgrade.sql)

# Both commands bootstrap a fresh Debian 12 or 13 machine (packages, build, install, throwaway
# cluster) for the PostgreSQL the release ships, or for PG_CONFIG when it is given.
demo:
	test/run.sh demo
test:
	test/run.sh test
bench:
	test/run.sh bench
# The whole make test in a fresh Debian 13 chroot (PostgreSQL 17); as root.
test-debian13:
	test/debian13.sh
# pekefb on Citus: 1 coordinator + 2 workers of a private tree (builds Citus from ../shared/vendor
# when it is not installed; doc/citus.md).
test-citus:
	test/citus/run.sh
# Pure-C unit tests (no server): parsers, calendar, histogram maths.
unit:
	test/unit/run.sh
# The parsers fuzzed outside the server under ASan+UBSan (test/fuzz/, doc/fuzzing.md):
# FUZZ_SECONDS per type (default 10) with the own mutator, then with libFuzzer if installed.
fuzz:
	test/fuzz/run.sh fuzz
