defmodule Shop.MixProject do
  use Mix.Project

  @version "0.4.2"

  def project do
    [
      app: :shop,
      version: @version,
      elixir: "~> 1.15",
      start_permanent: Mix.env() == :prod,
      deps: deps()
    ]
  end

  def application do
    [mod: {Shop.Application, []}, extra_applications: [:logger]]
  end

  # Run "mix help deps" to learn about dependencies.
  defp deps do
    [
      {:plug_cowboy, "~> 2.6"},
      {:jason, "~> 1.4"},
      # a fork, pinned by commit
      {:heroicons, github: "tailwindlabs/heroicons", tag: "v2.1.1", sparse: "optimized", app: false, compile: false},
      {:acme_billing, "~> 1.0", organization: "acme"},
      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},
      {:mox, "~> 1.1", only: :test},
      {:shop_core, in_umbrella: true},
      {:esbuild, "~> 0.8", runtime: Mix.env() == :dev}
    ]
  end
end
