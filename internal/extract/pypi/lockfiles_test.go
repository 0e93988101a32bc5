package pypi

import (
	"os"
	"testing"

	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/exttest"
)

// extractCase runs one extractor on a file of a testdata tree.
type extractCase struct {
	name string
	dir  string // OS folder, the scan root
	rel  string // slash path of the file (or folder) below dir
	want view
}

func runCases(t *testing.T, ext string, cases []extractCase) {
	t.Helper()
	e := byName(t, ext)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var r *extract.Result
			var err error
			if ir, ok := e.(extract.InstalledReader); ok {
				if !ir.MatchInstalled(c.rel) {
					t.Errorf("%s does not match the folder %q", ext, c.rel)
				}
				r, err = e.Extract(t.Context(), &extract.Input{FS: os.DirFS(c.dir), Path: c.rel})
			} else {
				r, err = exttest.Run(t, e, c.dir, c.rel)
			}
			check(t, r, err, c.want)
		})
	}
}

func TestLockfiles(t *testing.T) {
	t.Run("poetry", func(t *testing.T) {
		runCases(t, "pypi/poetry-lock", []extractCase{
			{
				name: "groups",
				dir:  "testdata/poetry/groups",
				rel:  "poetry.lock",
				want: view{
					Projects: []string{
						"project:PyPI:. name=demo-app version=0.3.0 dir=. ws= sources=poetry.lock,pyproject.toml",
					},
					Packages: []string{
						"pkg:pypi/black@24.2.0 | black | scope=development | poetry.lock:3 | pypi:groups=dev",
						"pkg:pypi/certifi@2024.2.2 | certifi | scope=runtime | poetry.lock:17 | pypi:groups=main",
						"pkg:pypi/click@8.1.7 | click | scope=development | poetry.lock:26 | pypi:groups=dev",
						"pkg:pypi/colorama@0.4.6 | colorama | scope=development | poetry.lock:38 | pypi:groups=dev,test",
						"pkg:pypi/mylib@1.2.0?vcs_url=git%2Bhttps:%2F%2Fgithub.example.test%2Forg%2Fmylib.git%400123456789abcdef0123456789abcdef01234567 | mylib | scope=runtime | poetry.lock:48 | pypi:groups=main pypi:source=git+https://github.example.test/org/mylib.git@0123456789abcdef0123456789abcdef01234567",
						"pkg:pypi/pytest@8.0.2 | pytest | scope=test | poetry.lock:64 | pypi:groups=test",
						"pkg:pypi/requests@2.31.0 | requests | scope=runtime | poetry.lock:77 | pypi:groups=main",
						"pkg:pypi/ujson@5.9.0 | ujson | scope=optional | poetry.lock:97 | pypi:groups=main pypi:marker=extra == \"speed\"",
						"pkg:pypi/urllib3@2.2.1?repository_url=https:%2F%2Fmirror.example.test%2Fsimple | urllib3 | scope=runtime | poetry.lock:107 | pypi:groups=main pypi:source=https://mirror.example.test/simple",
					},
					Edges: []string{
						"black@24.2.0 -> click@8.1.7",
						"click@8.1.7 -> colorama@0.4.6",
						"project:. -> black@24.2.0 (development)",
						"project:. -> mylib@1.2.0",
						"project:. -> pytest@8.0.2 (test)",
						"project:. -> requests@2.31.0",
						"project:. -> ujson@5.9.0 (optional)",
						"pytest@8.0.2 -> colorama@0.4.6",
						"requests@2.31.0 -> certifi@2024.2.2",
						"requests@2.31.0 -> urllib3@2.2.1",
					},
					Diagnostics: []string{},
				},
			},
			{
				name: "category",
				dir:  "testdata/poetry/category",
				rel:  "poetry.lock",
				want: view{
					Projects: []string{
						"project:PyPI:. name=legacy_app version=1.0.0 dir=. ws= sources=poetry.lock,pyproject.toml",
					},
					Packages: []string{
						"pkg:pypi/flask@2.3.3 | flask | scope=runtime | poetry.lock:1",
						"pkg:pypi/pytest@7.4.4 | pytest | scope=development | poetry.lock:12",
						"pkg:pypi/redis@4.6.0 | redis | scope=optional | poetry.lock:20",
						"pkg:pypi/werkzeug@2.3.8 | werkzeug | scope=runtime | poetry.lock:28",
					},
					Edges: []string{
						"flask@2.3.3 -> werkzeug@2.3.8",
						"project:. -> flask@2.3.3",
						"project:. -> pytest@7.4.4 (development)",
						"project:. -> redis@4.6.0 (optional)",
					},
					Diagnostics: []string{},
				},
			},
			{
				name: "no pyproject",
				dir:  "testdata/poetry/nopyproject",
				rel:  "poetry.lock",
				want: view{
					Projects: []string{
						"project:PyPI:. name= version= dir=. ws= sources=poetry.lock",
					},
					Packages: []string{
						"pkg:pypi/flask@2.3.3 | flask | scope=runtime | poetry.lock:1",
						"pkg:pypi/pytest@7.4.4 | pytest | scope=development | poetry.lock:12",
						"pkg:pypi/redis@4.6.0 | redis | scope=optional | poetry.lock:20",
						"pkg:pypi/werkzeug@2.3.8 | werkzeug | scope=runtime | poetry.lock:28",
					},
					Edges: []string{
						"flask@2.3.3 -> werkzeug@2.3.8",
						"project:. -> flask@2.3.3",
						"project:. -> pytest@7.4.4 (development)",
						"project:. -> redis@4.6.0 (optional)",
					},
					Diagnostics: []string{
						"poetry.lock: warning: no pyproject.toml beside poetry.lock; direct dependencies are inferred from the dependencies the lock records",
					},
				},
			},
		})
	})
	t.Run("pipfile", func(t *testing.T) {
		runCases(t, "pypi/pipfile-lock", []extractCase{
			{
				name: "with Pipfile",
				dir:  "testdata/pipfile",
				rel:  "Pipfile.lock",
				want: view{
					Projects: []string{
						"project:PyPI:. name= version= dir=. ws= sources=Pipfile.lock,Pipfile",
					},
					Packages: []string{
						"pkg:pypi/certifi@2024.2.2 | certifi | Pipfile.lock:19,Pipfile.lock:57 | pypi:hashes=sha256:aaaa,sha256:bbbb pypi:marker=python_version >= '3.6'",
						"pkg:pypi/idna@3.6 | idna | Pipfile.lock:28 | pypi:hashes=sha256:eeee",
						"pkg:pypi/mylib#./libs/mylib | mylib | ./libs/mylib | editable install | Pipfile.lock:34",
						"pkg:pypi/pytest@8.0.2 | pytest | Pipfile.lock:63 | pypi:hashes=sha256:dddd pypi:index=private pypi:marker=python_version >= '3.8'",
						"pkg:pypi/requests@2.31.0 | requests | Pipfile.lock:38 | pypi:extras=socks pypi:hashes=sha256:cccc",
						"pkg:pypi/sphinx@7.2.6 | sphinx | Pipfile.lock:73",
						"pkg:pypi/tool#git+https://github.example.test/org/tool.git@0123456789abcdef0123456789abcdef01234567 | tool | git+https://github.example.test/org/tool.git@0123456789abcdef0123456789abcdef01234567 | VCS URL | Pipfile.lock:48",
					},
					Edges: []string{
						"project:. -> certifi@2024.2.2 (development) [indirect]",
						"project:. -> certifi@2024.2.2 [indirect]",
						"project:. -> idna@3.6 [indirect]",
						"project:. -> mylib@",
						"project:. -> pytest@8.0.2 (development)",
						"project:. -> requests@2.31.0",
						"project:. -> sphinx@7.2.6 (development)",
						"project:. -> tool@",
					},
					Diagnostics: []string{
						"Pipfile.lock:52: error: parsing entry \"six\": json: cannot unmarshal number into Go struct field pipfileEntry.version of type string",
					},
				},
			},
			{
				name: "without Pipfile",
				dir:  "testdata/pipfile",
				rel:  "nopipfile/Pipfile.lock",
				want: view{
					Projects: []string{
						"project:PyPI:nopipfile name= version= dir=nopipfile ws= sources=nopipfile/Pipfile.lock",
					},
					Packages: []string{
						"pkg:pypi/certifi@2024.2.2 | certifi | nopipfile/Pipfile.lock:19,nopipfile/Pipfile.lock:57 | pypi:hashes=sha256:aaaa,sha256:bbbb pypi:marker=python_version >= '3.6'",
						"pkg:pypi/idna@3.6 | idna | nopipfile/Pipfile.lock:28 | pypi:hashes=sha256:eeee",
						"pkg:pypi/mylib#./libs/mylib | mylib | ./libs/mylib | editable install | nopipfile/Pipfile.lock:34",
						"pkg:pypi/pytest@8.0.2 | pytest | nopipfile/Pipfile.lock:63 | pypi:hashes=sha256:dddd pypi:index=private pypi:marker=python_version >= '3.8'",
						"pkg:pypi/requests@2.31.0 | requests | nopipfile/Pipfile.lock:38 | pypi:extras=socks pypi:hashes=sha256:cccc",
						"pkg:pypi/sphinx@7.2.6 | sphinx | nopipfile/Pipfile.lock:73",
						"pkg:pypi/tool#git+https://github.example.test/org/tool.git@0123456789abcdef0123456789abcdef01234567 | tool | git+https://github.example.test/org/tool.git@0123456789abcdef0123456789abcdef01234567 | VCS URL | nopipfile/Pipfile.lock:48",
					},
					Edges: []string{
						"project:nopipfile -> certifi@2024.2.2",
						"project:nopipfile -> certifi@2024.2.2 (development)",
						"project:nopipfile -> idna@3.6",
						"project:nopipfile -> mylib@",
						"project:nopipfile -> pytest@8.0.2 (development)",
						"project:nopipfile -> requests@2.31.0",
						"project:nopipfile -> sphinx@7.2.6 (development)",
						"project:nopipfile -> tool@",
					},
					Diagnostics: []string{
						"nopipfile/Pipfile.lock:52: error: parsing entry \"six\": json: cannot unmarshal number into Go struct field pipfileEntry.version of type string",
					},
				},
			},
		})
	})
	t.Run("uv", func(t *testing.T) {
		runCases(t, "pypi/uv-lock", []extractCase{
			{
				name: "workspace",
				dir:  "testdata/uv/workspace",
				rel:  "uv.lock",
				want: view{
					Projects: []string{
						"project:PyPI:. name=demo version=0.1.0 dir=. ws= sources=uv.lock",
						"project:PyPI:packages/lib name=demo-lib version=0.2.0 dir=packages/lib ws=project:PyPI:. sources=uv.lock",
					},
					Packages: []string{
						"pkg:pypi/anyio@4.3.0 | anyio | uv.lock:15",
						"pkg:pypi/h2@4.1.0 | h2 | uv.lock:61",
						"pkg:pypi/httpx@0.27.0 | httpx | uv.lock:66",
						"pkg:pypi/idna@3.6 | idna | uv.lock:83",
						"pkg:pypi/numpy@1.26.4 | numpy | uv.lock:88",
						"pkg:pypi/numpy@2.0.0 | numpy | uv.lock:96",
						"pkg:pypi/private-tool@1.0.0?vcs_url=git%2Bhttps:%2F%2Fgithub.example.test%2Forg%2Fprivate-tool.git%400123456789abcdef0123456789abcdef01234567 | private-tool | uv.lock:104 | pypi:source=https://github.example.test/org/private-tool.git?rev=main#0123456789abcdef0123456789abcdef01234567",
						"pkg:pypi/pytest@8.1.1 | pytest | uv.lock:109",
						"pkg:pypi/ruff@0.3.4 | ruff | uv.lock:114",
						"pkg:pypi/sniffio@1.3.1 | sniffio | uv.lock:119",
						"pkg:pypi/torch@2.2.2%2Bcpu?repository_url=https:%2F%2Fdownload.example.test%2Fwhl%2Fcpu | torch | uv.lock:124 | pypi:source=https://download.example.test/whl/cpu",
						"pkg:pypi/triton@2.2.0?download_url=https:%2F%2Ffiles.example.test%2Ftriton-2.2.0-cp311-cp311-linux_x86_64.whl | triton | uv.lock:132 | pypi:source=https://files.example.test/triton-2.2.0-cp311-cp311-linux_x86_64.whl",
					},
					Edges: []string{
						"anyio@4.3.0 -> idna@3.6",
						"anyio@4.3.0 -> sniffio@1.3.1",
						"httpx@0.27.0 -> anyio@4.3.0",
						"httpx@0.27.0 -> h2@4.1.0",
						"httpx@0.27.0 -> idna@3.6",
						"project:. -> httpx@0.27.0",
						"project:. -> numpy@1.26.4",
						"project:. -> numpy@2.0.0",
						"project:. -> project:packages/lib",
						"project:. -> pytest@8.1.1 (test)",
						"project:. -> ruff@0.3.4 (development)",
						"project:. -> torch@2.2.2+cpu (optional)",
						"project:packages/lib -> anyio@4.3.0",
						"project:packages/lib -> private-tool@1.0.0",
						"torch@2.2.2+cpu -> triton@2.2.0",
					},
					Diagnostics: []string{},
				},
			},
			{
				name: "virtual root",
				dir:  "testdata/uv",
				rel:  "noroot/uv.lock",
				want: view{
					Projects: []string{
						"project:PyPI:noroot name= version= dir=noroot ws= sources=noroot/uv.lock",
						"project:PyPI:noroot/alpha name=alpha version=1.0.0 dir=noroot/alpha ws=project:PyPI:noroot sources=noroot/uv.lock",
						"project:PyPI:noroot/beta name=beta version=1.0.0 dir=noroot/beta ws=project:PyPI:noroot sources=noroot/uv.lock",
					},
					Packages: []string{
						"pkg:pypi/local-dep#vendor/local-dep | local-dep | vendor/local-dep | local path | noroot/uv.lock:24 | pypi:source=directory:vendor/local-dep",
						"pkg:pypi/six@1.16.0 | six | noroot/uv.lock:19",
					},
					Edges: []string{
						"project:noroot -> local-dep@ [indirect]",
						"project:noroot/alpha -> project:noroot/beta",
						"project:noroot/alpha -> six@1.16.0",
					},
					Diagnostics: []string{
						"noroot/uv.lock:13: warning: beta depends on missing-one, which is not in the lock",
					},
				},
			},
		})
	})
	t.Run("pdm", func(t *testing.T) {
		runCases(t, "pypi/pdm-lock", []extractCase{
			{
				name: "groups",
				dir:  "testdata/pdm",
				rel:  "pdm.lock",
				want: view{
					Projects: []string{
						"project:PyPI:. name=pdm-demo version=0.1.0 dir=. ws= sources=pdm.lock,pyproject.toml",
					},
					Packages: []string{
						"pkg:pypi/certifi@2024.2.2 | certifi | scope=runtime | pdm.lock:13 | pypi:groups=default",
						"pkg:pypi/pysocks@1.7.1 | pysocks | scope=runtime | pdm.lock:23 | pypi:groups=default",
						"pkg:pypi/pytest@8.1.1 | pytest | scope=test | pdm.lock:30 | pypi:groups=test",
						"pkg:pypi/pyyaml@6.0.1 | pyyaml | scope=optional | pdm.lock:41 | pypi:groups=yaml",
						"pkg:pypi/requests@2.31.0 | requests | scope=runtime | pdm.lock:48,pdm.lock:59 | pypi:groups=default",
						"pkg:pypi/ruff@0.3.4 | ruff | scope=development | pdm.lock:71 | pypi:groups=lint",
						"pkg:pypi/tool@0.5.0?vcs_url=git%2Bhttps:%2F%2Fgithub.example.test%2Forg%2Ftool.git%400123456789abcdef0123456789abcdef01234567 | tool | scope=runtime | pdm.lock:78 | pypi:groups=default pypi:source=git+https://github.example.test/org/tool.git@0123456789abcdef0123456789abcdef01234567",
					},
					Edges: []string{
						"project:. -> pytest@8.1.1 (test)",
						"project:. -> pyyaml@6.0.1 (optional)",
						"project:. -> requests@2.31.0",
						"project:. -> ruff@0.3.4 (development)",
						"project:. -> tool@0.5.0",
						"requests@2.31.0 -> certifi@2024.2.2",
						"requests@2.31.0 -> pysocks@1.7.1",
					},
					Diagnostics: []string{
						"pdm.lock: warning: mkdocs is declared in pyproject.toml but not locked in pdm.lock",
						"pdm.lock:78: warning: parsing dependency of tool: invalid version specifier \"a valid requirement !!\" in \"not a valid requirement !!\"",
					},
				},
			},
		})
	})
	t.Run("pylock", func(t *testing.T) {
		runCases(t, "pypi/pylock", []extractCase{
			{
				name: "with dependencies",
				dir:  "testdata/pylock/withdeps",
				rel:  "pylock.toml",
				want: view{
					Projects: []string{
						"project:PyPI:. name=pylock-demo version=1.0.0 dir=. ws= sources=pylock.toml,pyproject.toml",
					},
					Packages: []string{
						"pkg:pypi/archived@1.0?download_url=https:%2F%2Ffiles.example.test%2Farchived-1.0.tar.gz | archived | pylock.toml:62 | pypi:source=https://files.example.test/archived-1.0.tar.gz",
						"pkg:pypi/attrs@25.1.0 | attrs | pylock.toml:9",
						"pkg:pypi/cattrs@24.2.0 | cattrs | pylock.toml:22",
						"pkg:pypi/mylib#./libs/mylib | mylib | ./libs/mylib | editable install | pylock.toml:55 | pypi:source=directory:./libs/mylib",
						"pkg:pypi/numpy@2.2.3?repository_url=https:%2F%2Fmirror.example.test%2Fsimple | numpy | pylock.toml:36 | pypi:index=https://mirror.example.test/simple pypi:marker=python_version >= '3.12'",
						"pkg:pypi/tool#git+https://github.example.test/org/tool.git@0123456789abcdef0123456789abcdef01234567 | tool | git+https://github.example.test/org/tool.git@0123456789abcdef0123456789abcdef01234567 | VCS URL | pylock.toml:45 | pypi:marker='dev' in dependency_groups pypi:source=git+https://github.example.test/org/tool.git@0123456789abcdef0123456789abcdef01234567",
					},
					Edges: []string{
						"cattrs@24.2.0 -> attrs@25.1.0",
						"project:. -> archived@1.0",
						"project:. -> cattrs@24.2.0",
						"project:. -> mylib@",
						"project:. -> numpy@2.2.3",
						"project:. -> tool@ (development)",
					},
					Diagnostics: []string{
						"pylock.toml:36: warning: numpy depends on \"not-locked\", which is not in the lock",
					},
				},
			},
			{
				name: "named, flat",
				dir:  "testdata/pylock/flat",
				rel:  "pylock.prod.toml",
				want: view{
					Projects: []string{
						"project:PyPI:. name= version= dir=. ws= sources=pylock.prod.toml",
					},
					Packages: []string{
						"pkg:pypi/flask@3.0.2 | Flask | pylock.prod.toml:4",
						"pkg:pypi/werkzeug@3.0.1 | Werkzeug | pylock.prod.toml:8",
					},
					Edges: []string{
						"project:. -> Flask@3.0.2 [indirect]",
						"project:. -> Werkzeug@3.0.1 [indirect]",
					},
					Diagnostics: []string{
						"pylock.prod.toml: warning: no pyproject.toml beside pylock.prod.toml; direct dependencies are inferred from the dependencies the lock records",
					},
				},
			},
		})
	})
}
