"""JupyterHub configuration for a live coursekit class: the one the test suite runs.

``tests/browser/test_hub.py`` starts JupyterHub with exactly this file; docs/jupyterhub.md
explains it. What differs between the test and your hub is read from the environment, so
the file itself stays as tested:

COURSEKIT_CLASS_ADMIN_DB
    The class database owner's URL (``postgresql://owner@host/db``), on which
    ``coursekit class-db init`` has run. At each spawn the hub makes or renews that user's
    own login and gives their server ``COURSEKIT_CLASS_DB`` with it. Unset: no class
    database (learners work self-paced; hand-ins are collected as files).
COURSEKIT_CLASS_DB_HOST, COURSEKIT_CLASS_DB_PORT
    Where the learners' servers reach the database (default: as in the owner's URL, or
    127.0.0.1 for a local socket).
COURSEKIT_HUB_INSTRUCTORS
    Hub user names (comma-separated) who get the instructor's login and are hub admins.
COURSEKIT_HUB_USERS
    The other hub user names allowed in (comma-separated). Empty: anyone the
    authenticator lets in.
COURSEKIT_HUB_ROOT
    Where the hub keeps its state, and (with the local spawner) the users' homes.
COURSEKIT_HUB_PORT, COURSEKIT_HUB_API_PORT, COURSEKIT_PROXY_API_PORT
    The public port (default 8000) and the hub's and proxy's internal ones.
COURSEKIT_COURSE_SOURCE
    The course each learner's copy is made from and updated from at every spawn
    (default: the course installed with coursekit).

The authenticator and spawner here are JupyterHub's test ones: ``DummyAuthenticator``
(anyone in the allowed list, no password) and ``SimpleLocalProcessSpawner`` (every server a
process of the hub's own user, each with its own home folder). A real hub replaces those
two lines (OAuth or LDAP; DockerSpawner, KubeSpawner or SystemdSpawner) and keeps the rest.
"""

import asyncio
import os
import sys
from pathlib import Path

import coursekit
from coursekit.classroom.roles import spawner_environment
from coursekit.lab import PRE_SAVE_HOOK
from coursekit.update import update_course

c = get_config()  # noqa: F821 (JupyterHub provides it)

env = os.environ.get
root = Path(env("COURSEKIT_HUB_ROOT", "/srv/jupyterhub")).resolve()
instructors = {n.strip() for n in env("COURSEKIT_HUB_INSTRUCTORS", "").split(",") if n.strip()}
learners = {n.strip() for n in env("COURSEKIT_HUB_USERS", "").split(",") if n.strip()}
admin_db = env("COURSEKIT_CLASS_ADMIN_DB")
db_host = env("COURSEKIT_CLASS_DB_HOST")
db_port = int(env("COURSEKIT_CLASS_DB_PORT", "0")) or None
course_source = env("COURSEKIT_COURSE_SOURCE") or None
#: The course folder in each learner's home.
COURSE_FOLDER = "career-course"

# -- the hub, its proxy and its state ----------------------------------------------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{env('COURSEKIT_HUB_PORT', '8000')}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env('COURSEKIT_HUB_API_PORT', '8081')}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('COURSEKIT_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.pid_file = str(root / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{root / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(root / "jupyterhub_cookie_secret")

# -- who may log in (the test's authenticator; use your own) -------------------------------
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.admin_users = instructors
if learners or instructors:
    c.Authenticator.allowed_users = learners | instructors

# -- each user's server (the test's spawner; use your own) ---------------------------------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(root / "home" / "{username}")
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.args = [
    "--ServerApp.jpserver_extensions=jupyterlab=True",  # JupyterLab, and Voila for app mode
    "--ServerApp.jpserver_extensions=voila.server_extension=True",
    f"--ContentsManager.pre_save_hook={PRE_SAVE_HOOK}",  # notebooks saved without outputs
    "--MappingKernelManager.cull_idle_timeout=1800",  # forgotten kernels end
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_connected=False",
]
if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI run everything as root
    c.Spawner.args.append("--allow-root")
c.Spawner.default_url = f"/lab/tree/{COURSE_FOLDER}/notebooks/00_start.ipynb"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180


async def pre_spawn_hook(spawner):
    """Before a server starts: the user's course copy, and their own class database login.

    The copy is made at the first start and brought up to date at every start
    (``coursekit update``): new content comes in, learner-data/ is never touched, and a
    notebook the learner changed is kept aside. The login is made or renewed (a new
    password each time) so that the database itself keeps each learner to their own rows.
    """
    home = Path(getattr(spawner, "home_dir", "") or Path.home() / spawner.user.name)
    course = home / COURSE_FOLDER
    await asyncio.to_thread(update_course, course, course_source)
    jupyter = Path(coursekit.__file__).parent / "_jupyter"
    spawner.environment.update({
        "COURSEKIT_COURSE": str(course),
        "PLOTLY_RENDERER": "plotly_mimetype",  # figures drawn by JupyterLab and Voila alike
        # coursekit's Voila template and server settings: app pages ask nothing of a CDN
        "JUPYTER_PATH": os.pathsep.join(p for p in (str(jupyter), env("JUPYTER_PATH")) if p),
        # ... and JupyterLab's: no "official Jupyter news?" popup over the notebook, no
        # news or update calls (labconfig/page_config.json, as ``coursekit start`` does)
        "JUPYTER_CONFIG_PATH": os.pathsep.join(
            p for p in (str(jupyter / "server"), str(jupyter / "lab"),
                        env("JUPYTER_CONFIG_PATH")) if p),
    })
    if admin_db:
        spawner.environment.update(await asyncio.to_thread(
            spawner_environment, admin_db, spawner.user.name,
            instructor=spawner.user.name in instructors, host=db_host, port=db_port))


c.Spawner.pre_spawn_hook = pre_spawn_hook
