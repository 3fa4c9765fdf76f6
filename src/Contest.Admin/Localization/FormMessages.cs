using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Contest.Admin.Localization;

/// <summary>Marker type for the form messages (Forms.tsv → Forms.resx / Forms.en.resx).</summary>
public sealed class Forms;

/// <summary>
/// Replaces ASP.NET Core's English model-binding messages ("The value 'abc' is not valid for TimeLimitMinutes.")
/// with translated ones that name no property: they are shown next to the field they belong to, and a property
/// name is a code name to the reader.
/// </summary>
public static class FormMessages
{
    public static IServiceCollection AddTranslatedBindingMessages(this IServiceCollection services)
    {
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) =>
        {
            var f = factory.Create(typeof(Forms));
            var p = o.ModelBindingMessageProvider;
            p.SetMissingBindRequiredValueAccessor(_ => f["Bind.Required"]);
            p.SetMissingKeyOrValueAccessor(() => f["Bind.Missing"]);
            p.SetMissingRequestBodyRequiredValueAccessor(() => f["Bind.Missing"]);
            p.SetValueMustNotBeNullAccessor(_ => f["Bind.Required"]);
            p.SetAttemptedValueIsInvalidAccessor((value, _) => f["Bind.Invalid", value]);
            p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => f["Bind.Invalid", value]);
            p.SetUnknownValueIsInvalidAccessor(_ => f["Bind.InvalidNoValue"]);
            p.SetNonPropertyUnknownValueIsInvalidAccessor(() => f["Bind.InvalidNoValue"]);
            p.SetValueIsInvalidAccessor(value => f["Bind.Invalid", value]);
            p.SetValueMustBeANumberAccessor(_ => f["Bind.NotANumber"]);
            p.SetNonPropertyValueMustBeANumberAccessor(() => f["Bind.NotANumber"]);
        });
        return services;
    }
}
