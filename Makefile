# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3.13
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements-dev.lock

export DJANGO_SETTINGS_MODULE := smartcities_portal.settings

.PHONY: install run test lint migrations-check messages lock bench load backup restore clean

install: $(STAMP) ## Build .venv with the locked dependencies (only when the lock changed)

$(STAMP): $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	touch $(STAMP)

run: install ## Serve the portal with demo data on http://127.0.0.1:8000 (SQLite under var/)
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=true $(BIN)/python manage.py seed_demo
	DJANGO_DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install ## Run the whole suite (DATABASE_URL=postgres://… runs it on PostgreSQL)
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-test-only-secret-key} EMAIL_URL=$${EMAIL_URL:-locmem://} \
		DJANGO_ALLOW_ASYNC_UNSAFE=true \
		$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install ## Ruff, the layer contract and the migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

messages: install ## Refresh and compile the pt-PT catalogue
	DJANGO_DEBUG=true $(BIN)/python manage.py makemessages --locale pt_PT --ignore '.venv/*' \
		--ignore 'var/*' --ignore 'node_modules/*' --no-obsolete --add-location file
	DJANGO_DEBUG=true $(BIN)/python manage.py makemessages --locale pt_PT --domain djangojs \
		--ignore '.venv/*' --ignore 'var/*' --ignore 'node_modules/*' --ignore 'static/vendor/*' \
		--ignore 'staticfiles/*' --no-obsolete --add-location file
	DJANGO_DEBUG=true $(BIN)/python manage.py compilemessages --locale pt_PT --ignore '.venv/*'

lock: ## Re-resolve requirements*.lock from pyproject.toml (needs uv)
	uv pip compile pyproject.toml --python-version 3.13 --generate-hashes -o requirements.lock
	uv pip compile pyproject.toml --group dev --python-version 3.13 --generate-hashes -o requirements-dev.lock

bench: install ## Seed small and scale data sets in a throwaway database and measure (bench/results.json)
	$(BIN)/python -m smartcities_portal.bench bench $(BENCH_ARGS)

load: install ## 50 simulated users for 60 s on gunicorn + PostgreSQL (DATABASE_URL=postgres://…)
	$(BIN)/python -m smartcities_portal.bench load $(LOAD_ARGS)

backup: install ## Database + media into one dated archive under var/backups/ (same variables as the portal)
	$(BIN)/python manage.py backup

restore: install ## Bring back a backup: make restore ARCHIVE=var/backups/portal-….tar.gz
	@test -n "$(ARCHIVE)" || (echo "Say which archive: make restore ARCHIVE=var/backups/portal-….tar.gz" && exit 2)
	$(BIN)/python manage.py restore --no-input "$(ARCHIVE)"

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
