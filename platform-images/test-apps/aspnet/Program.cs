// The seeds' sample service as an ASP.NET Core minimal API: POST /MyService echoes its JSON, GET /health answers up.
using System.Text.Json;

var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/health", () => Results.Ok(new { status = "up" }));
app.MapPost("/MyService", (JsonElement echo) =>
    echo.ValueKind == JsonValueKind.Object
        ? Results.Ok(new { service = "MyService", runtime = $".NET {Environment.Version}", user = Environment.UserName, echo })
        : Results.BadRequest(new { error = "expected a JSON object" }));
app.Run();
