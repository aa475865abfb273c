# Multi-stage build. The runtime image comes from build → publish and never waits on the tests;
# the tests are their own target: `podman build --target test .` (see README, "Docker").
# No Docker engine runs on the project's development machines; podman builds it.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet restore Bot.sln
RUN dotnet build Bot.sln -c Release --no-restore

# Published for this platform, so ReadyToRun-compiled (see Bot.Host.csproj): short verbs start faster.
FROM build AS publish
RUN dotnet publish src/Bot.Host/Bot.Host.csproj -c Release --os linux --self-contained false -o /app

# Not on the way to the runtime image: built only when asked for with --target test.
FROM build AS test
# The reference peers of the Packages tests (they skip, saying why, where missing).
RUN apt-get update && apt-get install -y --no-install-recommends rpm dnf createrepo-c libsolv-tools zstd \
    && rm -rf /var/lib/apt/lists/* || true
RUN dotnet test Bot.sln -c Release --no-build

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=publish /app ./
ENV BOT_DATA_DIR=/data \
    Http__Urls=http://127.0.0.1:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
RUN mkdir -p /data && chown app:app /data
USER app
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD ["dotnet", "/app/bot.dll", "health", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["dotnet", "/app/bot.dll"]
CMD ["run"]
