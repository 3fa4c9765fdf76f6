using System.Text.Encodings.Web;
using System.Text.Json;
using Contest.Engine.Units;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Units;

/// <summary>
/// <c>&lt;unit-picker name="UnitId" value="@Model.UnitId" label="Đơn vị" required="true" /&gt;</c>: the one unit chooser
/// of every page (registration, live join, users, reports). It renders a hidden input carrying the unit id under
/// <see cref="Name"/> and a text box showing the chosen unit's path; <c>/js/unit-picker.js</c> turns the text box into
/// a combobox that searches <c>/api/units/search</c>. Without script the text box is posted as <c>{Name}Text</c>,
/// which <see cref="UnitPickerInput.ResolveAsync"/> turns into a unit when it names exactly one.
/// The province's ~2,000 units are searched on the server rather than listed in the page: a phone on 4G
/// joining a live game should not download every unit to choose one.
/// </summary>
[HtmlTargetElement("unit-picker", TagStructure = TagStructure.WithoutEndTag)]
public sealed class UnitPickerTagHelper(UnitDirectory directory, IStringLocalizer<PickerUi> s, IFileVersionProvider versions) : TagHelper
{
    public const string Script = "/js/unit-picker.js";
    public const string Style = "/css/unit-picker.css";

    /// <summary>The form field the unit id is posted as.</summary>
    public required string Name { get; set; }

    /// <summary>The element id of the hidden input (defaults to <see cref="Name"/>); the text box is <c>{Id}-search</c>.</summary>
    public string? Id { get; set; }

    public int? Value { get; set; }
    public required string Label { get; set; }

    /// <summary>What the label adds when the unit may be left empty, e.g. "(không bắt buộc)".</summary>
    public string? Optional { get; set; }

    public bool Required { get; set; }

    /// <summary>Only these levels can be chosen, e.g. "1,2,3" (not the province) for a live game's teams.</summary>
    public string? Levels { get; set; }

    /// <summary>The id of an error message below the field: the text box points at it and is marked invalid.</summary>
    public string? ErrorId { get; set; }

    /// <summary>Submit the enclosing form as soon as a unit is picked (a report's "show this unit").</summary>
    public bool SubmitOnPick { get; set; }

    /// <summary>The text typed before a post that could not be resolved, shown again so it can be corrected.</summary>
    public string? Text { get; set; }

    public string? TestId { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var enc = HtmlEncoder.Default;
        var id = Id ?? Name;
        var chosen = Value is { } v ? await directory.FindAsync(v, ViewContext.HttpContext.RequestAborted) : null;
        var shown = chosen?.PathText ?? Text ?? "";
        var strings = JsonSerializer.Serialize(new[] { "Results", "More", "None", "Pick", "Required", "Chosen", "Loading", "Offline" }
            .ToDictionary(k => k, k => s["Picker." + k].Value));

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "unit-picker");
        output.Attributes.SetAttribute("data-unit-picker", "");
        output.Attributes.SetAttribute("data-search", "/api/units/search");
        if (!string.IsNullOrEmpty(Levels)) output.Attributes.SetAttribute("data-levels", Levels);
        if (Required) output.Attributes.SetAttribute("data-required", "");
        if (SubmitOnPick) output.Attributes.SetAttribute("data-submit-on-pick", "");
        output.Attributes.SetAttribute("data-strings", strings);

        var describedBy = $"{id}-hint" + (ErrorId is null ? "" : " " + ErrorId);
        var html = new System.Text.StringBuilder();
        html.Append($"<label for=\"{enc.Encode(id)}-search\">{enc.Encode(Label)}{(Optional is null ? "" : " " + enc.Encode(Optional))}</label>");
        html.Append($"<input type=\"hidden\" id=\"{enc.Encode(id)}\" name=\"{enc.Encode(Name)}\" value=\"{chosen?.Id}\"{(TestId is null ? "" : $" data-testid=\"{enc.Encode(TestId)}\"")} />");
        html.Append("<div class=\"unit-picker-box\">");
        html.Append($"<input type=\"text\" id=\"{enc.Encode(id)}-search\" name=\"{enc.Encode(Name)}Text\" value=\"{enc.Encode(shown)}\" autocomplete=\"off\" spellcheck=\"false\"" +
                    $" role=\"combobox\" aria-autocomplete=\"list\" aria-expanded=\"false\" aria-controls=\"{enc.Encode(id)}-list\" aria-describedby=\"{enc.Encode(describedBy)}\"" +
                    $" placeholder=\"{enc.Encode(s["Picker.Placeholder"])}\"{(Required ? " aria-required=\"true\"" : "")}{(ErrorId is null ? "" : " aria-invalid=\"true\"")}" +
                    $"{(TestId is null ? "" : $" data-testid=\"{enc.Encode(TestId)}-search\"")} />");
        html.Append($"<button type=\"button\" class=\"unit-picker-clear\" aria-label=\"{enc.Encode(s["Picker.Clear"])}\" title=\"{enc.Encode(s["Picker.Clear"])}\"{(chosen is null ? " hidden" : "")}>×</button>");
        html.Append("</div>");
        html.Append($"<ul id=\"{enc.Encode(id)}-list\" class=\"unit-picker-list\" role=\"listbox\" aria-label=\"{enc.Encode(Label)}\" hidden></ul>");
        html.Append($"<p id=\"{enc.Encode(id)}-hint\" class=\"muted hint\">{enc.Encode(s["Picker.Hint"])}</p>");
        html.Append("<p class=\"sr-only unit-picker-status\" role=\"status\" aria-live=\"polite\"></p>");
        // The first picker of a page brings the script and style; further pickers reuse them.
        if (!ViewContext.HttpContext.Items.ContainsKey(typeof(UnitPickerTagHelper)))
        {
            ViewContext.HttpContext.Items[typeof(UnitPickerTagHelper)] = true;
            var basePath = ViewContext.HttpContext.Request.PathBase;
            html.Append($"<link rel=\"stylesheet\" href=\"{enc.Encode(versions.AddFileVersionToPath(basePath, Style))}\" />");
            html.Append($"<script src=\"{enc.Encode(versions.AddFileVersionToPath(basePath, Script))}\" defer></script>");
        }
        output.Content.SetHtmlContent(html.ToString());
    }
}

/// <summary>The server's side of the picker for a post made without script: the typed text names one unit or it does not.</summary>
public static class UnitPickerInput
{
    public sealed record Resolved(int? UnitId, string? Error);

    /// <summary>
    /// A posted unit id wins; else the typed <paramref name="text"/> (a name, or a path "Bù Đăng › Đức Liễu › Chi đoàn 1A")
    /// is searched: one match is taken, several or none give a message naming up to three candidates.
    /// </summary>
    public static async Task<Resolved> ResolveAsync(UnitDirectory directory, int? unitId, string? text, IStringLocalizer<PickerUi> s, CancellationToken ct = default)
    {
        if (unitId is not null || string.IsNullOrWhiteSpace(text)) return new(unitId, null);
        var found = await directory.SearchAsync(text, 3, null, ct);
        if (found.Total == 1) return new(found.Items[0].Id, null);
        if (found.Total == 0) return new(null, s["Picker.NotFound", text.Trim()]);
        // A full path typed (or copied) names one unit even when units below it contain the same words.
        if (found.Items.SingleOrDefault(u => UnitDirectory.Words(u.PathText).SequenceEqual(UnitDirectory.Words(text))) is { } exact) return new(exact.Id, null);
        return new(null, s["Picker.Ambiguous", found.Total, text.Trim()] + " " + string.Join("; ", found.Items.Select(u => u.PathText)));
    }
}
