using System.Text.Json;
using Plotly.NET;

namespace PrunAdag.Charts.Tests;

/// <summary>Reads back what a chart will send to plotly.js.</summary>
internal static class FigureJson
{
    public static JsonElement Data(GenericChart chart) =>
        JsonDocument.Parse(GenericChart.toFigureJson(chart).Replace("NaN", "null")).RootElement.GetProperty("data");

    public static string[] TraceNames(GenericChart chart) =>
        Data(chart).EnumerateArray().Select(t => t.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "").ToArray();

    public static JsonElement Layout(GenericChart chart) =>
        JsonDocument.Parse(GenericChart.toFigureJson(chart).Replace("NaN", "null")).RootElement.GetProperty("layout");
}
