# Multi-stage build: restore, build, test, publish, then a small non-root runtime image.
# No Docker engine runs on the project's development machines; see README ("Docker").
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet restore Bot.sln
RUN dotnet build Bot.sln -c Release --no-restore

FROM build AS test
RUN dotnet test Bot.sln -c Release --no-build

FROM test AS publish
RUN dotnet publish src/Bot.Host/Bot.Host.csproj -c Release --no-build -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=publish /app ./
ENV BOT_DATA_DIR=/data \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
RUN mkdir -p /data && chown app:app /data
USER app
VOLUME ["/data"]
ENTRYPOINT ["dotnet", "/app/bot.dll"]
CMD ["run"]
