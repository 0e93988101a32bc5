package pypi

import "testing"

func TestRequirements(t *testing.T) {
	runCases(t, "pypi/requirements", []extractCase{
		{
			name: "includes, constraints, pins, ranges, URLs",
			dir:  "testdata/requirements/app",
			rel:  "requirements.txt",
			want: view{
				Projects: []string{
					"project:PyPI:. name= version= dir=. ws= sources=requirements.txt,requirements/base.txt,common.txt,constraints.txt",
				},
				Packages: []string{
					"pkg:pypi/attrs@23.2.0 | attrs | common.txt:1",
					"pkg:pypi/certifi@2024.2.2 | certifi | requirements.txt:9",
					"pkg:pypi/django@4.2.11 | Django | requirements.txt:6",
					"pkg:pypi/flask#* | flask | * | no version given | requirements.txt:11",
					"pkg:pypi/jinja2@3.1.3 | Jinja2 | requirements.txt:12 | pypi:hashes=sha256:aaaa,sha256:bbbb",
					"pkg:pypi/mylib#./libs/mylib | mylib | ./libs/mylib | editable install | requirements.txt:15",
					"pkg:pypi/mypkg#https://files.example.test/mypkg-1.0.tar.gz | mypkg | https://files.example.test/mypkg-1.0.tar.gz | URL | requirements.txt:17",
					"pkg:pypi/other-pkg#git+https://github.example.test/org/other.git@main#egg=other-pkg | other-pkg | git+https://github.example.test/org/other.git@main#egg=other-pkg | VCS URL | requirements.txt:18",
					"pkg:pypi/requests#>=2.31,<3 | requests | >=2.31,<3 | range, not a pin | requirements.txt:7 | pypi:extras=socks,security",
					"pkg:pypi/six@1.16.0 | six | requirements/base.txt:1",
					"pkg:pypi/tool#git+https://github.example.test/org/tool.git@v1.0#egg=tool | tool | git+https://github.example.test/org/tool.git@v1.0#egg=tool | editable install | requirements.txt:16",
					"pkg:pypi/typing-extensions@4.10.0 | typing_extensions | requirements.txt:10 | pypi:marker=python_version < \"3.11\"",
					"pkg:pypi/urllib3#~=2.0 | urllib3 | ~=2.0 | range, not a pin | requirements.txt:8",
					"pkg:pypi/urllib3@2.2.1 | urllib3 | constraints.txt:1 | pypi:constraint=true",
					"pkg:pypi/wheel-pkg#./vendor/wheel_pkg-2.0-py3-none-any.whl | wheel_pkg | ./vendor/wheel_pkg-2.0-py3-none-any.whl | local path | requirements.txt:19",
				},
				Edges: []string{
					"project:. -> Django@4.2.11",
					"project:. -> Jinja2@3.1.3",
					"project:. -> attrs@23.2.0",
					"project:. -> certifi@2024.2.2",
					"project:. -> flask@",
					"project:. -> mylib@",
					"project:. -> mypkg@",
					"project:. -> other-pkg@",
					"project:. -> requests@",
					"project:. -> six@1.16.0",
					"project:. -> tool@",
					"project:. -> typing_extensions@4.10.0",
					"project:. -> urllib3@",
					"project:. -> urllib3@2.2.1",
					"project:. -> wheel_pkg@",
				},
				Diagnostics: []string{
					"common.txt:2: warning: requirements/base.txt includes itself through common.txt; cycle not followed",
					"requirements.txt:20: error: parsing requirement: invalid version specifier \"line here !!\" in \"bad line here !!\"",
					"requirements.txt:21: error: parsing requirement: unclosed extras in \"pkg[unclosed==1.0\"",
				},
			},
		},
		{
			name: "file in a requirements folder",
			dir:  "testdata/requirements/app",
			rel:  "requirements/base.txt",
			want: view{
				Projects: []string{
					"project:PyPI:. name= version= dir=. ws= sources=requirements/base.txt,common.txt",
				},
				Packages: []string{
					"pkg:pypi/attrs@23.2.0 | attrs | common.txt:1",
					"pkg:pypi/six@1.16.0 | six | requirements/base.txt:1",
				},
				Edges: []string{
					"project:. -> attrs@23.2.0",
					"project:. -> six@1.16.0",
				},
				Diagnostics: []string{
					"common.txt:2: warning: requirements/base.txt includes itself through common.txt; cycle not followed",
				},
			},
		},
		{
			name: "cycle and missing include",
			dir:  "testdata/requirements/cycle",
			rel:  "requirements-a.txt",
			want: view{
				Projects: []string{
					"project:PyPI:. name= version= dir=. ws= sources=requirements-a.txt,b.txt",
				},
				Packages: []string{
					"pkg:pypi/idna@3.6 | idna | requirements-a.txt:2",
					"pkg:pypi/pyyaml@6.0.1 | PyYAML | b.txt:3",
				},
				Edges: []string{
					"project:. -> PyYAML@6.0.1",
					"project:. -> idna@3.6",
				},
				Diagnostics: []string{
					"b.txt:1: warning: requirements-a.txt includes itself through b.txt; cycle not followed",
					"b.txt:2: error: reading included file missing.txt: open missing.txt: no such file or directory",
				},
			},
		},
	})
}

func TestInstalled(t *testing.T) {
	runCases(t, "pypi/installed", []extractCase{
		{
			name: "virtual environment",
			dir:  "testdata/installed",
			rel:  "proj/.venv/lib/python3.12/site-packages",
			want: view{
				Projects: []string{
					"project:PyPI:proj name= version= dir=proj ws= sources=proj/.venv/lib/python3.12/site-packages",
				},
				Packages: []string{
					"pkg:pypi/broken@1.0 | broken | proj/.venv/lib/python3.12/site-packages/broken-1.0.dist-info/METADATA:2 | ossaudit:source=installed",
					"pkg:pypi/idna@3.6 | idna | proj/.venv/lib/python3.12/site-packages/idna-3.6.dist-info/METADATA:2 | ossaudit:source=installed pypi:license-expression=BSD-3-Clause",
					"pkg:pypi/legacy-pkg@0.9 | legacy_pkg | proj/.venv/lib/python3.12/site-packages/legacy_pkg-0.9.egg-info/PKG-INFO:2 | ossaudit:source=installed",
					"pkg:pypi/noname-pkg@2.0 | noname_pkg | proj/.venv/lib/python3.12/site-packages/noname_pkg-2.0.dist-info/METADATA | ossaudit:source=installed",
					"pkg:pypi/pysocks@1.7.1 | PySocks | proj/.venv/lib/python3.12/site-packages/pysocks-1.7.1.dist-info/METADATA:2 | ossaudit:source=installed pypi:license=BSD",
					"pkg:pypi/requests@2.31.0 | requests | proj/.venv/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA:2 | ossaudit:source=installed pypi:license-classifiers=License :: OSI Approved :: Apache Software License pypi:license=Apache 2.0",
					"pkg:pypi/six@1.16.0 | six | proj/.venv/lib/python3.12/site-packages/six-1.16.0.egg-info:2 | ossaudit:source=installed pypi:license=MIT",
					"pkg:pypi/urllib3@2.2.1 | urllib3 | proj/.venv/lib/python3.12/site-packages/urllib3-2.2.1.dist-info/METADATA:2 | ossaudit:source=installed pypi:license-classifiers=License :: OSI Approved :: MIT License pypi:license=MIT License\n\nCopyright (c) 2008-2020 Andrey Petrov and contributors.",
				},
				Edges: []string{
					"legacy_pkg@0.9 -> PySocks@1.7.1 (optional)",
					"legacy_pkg@0.9 -> six@1.16.0",
					"project:proj -> broken@1.0",
					"project:proj -> legacy_pkg@0.9",
					"project:proj -> noname_pkg@2.0",
					"project:proj -> requests@2.31.0",
					"requests@2.31.0 -> PySocks@1.7.1 (optional)",
					"requests@2.31.0 -> idna@3.6",
					"requests@2.31.0 -> urllib3@2.2.1",
					"urllib3@2.2.1 -> PySocks@1.7.1 (optional)",
				},
				Diagnostics: []string{
					"proj/.venv/lib/python3.12/site-packages/broken-1.0.dist-info/METADATA:4:1: error: parsing metadata: expected \"Field: value\"",
				},
			},
		},
	})
}
