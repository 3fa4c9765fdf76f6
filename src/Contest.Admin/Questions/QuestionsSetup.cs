using Contest.Admin.Questions.Excel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Contest.Engine.Questions;

namespace Contest.Admin.Questions;

public static class QuestionsSetup
{
    /// <summary>Question banks: import limits (<c>Contest:Import</c>), media limits (<c>Contest:Media</c>), the importer and background import jobs.</summary>
    public static void AddContestQuestions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportLimits>().BindConfiguration(ImportLimits.Section);
        builder.Services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section)
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.Directory))
                {
                    var data = builder.Configuration["Contest:DataDirectory"];
                    var root = string.IsNullOrWhiteSpace(data) ? Path.Combine(builder.Environment.ContentRootPath, "App_Data") : Path.GetFullPath(data, builder.Environment.ContentRootPath);
                    o.Directory = Path.Combine(root, "media");
                }
            });
        // The app's question rules: the library default checks no media host, the app allows its own site and the list.
        builder.Services.AddSingleton(sp => QuestionLimits.Default with { MediaHosts = MediaOptions.Hosts(sp.GetRequiredService<IOptions<MediaOptions>>().Value.AllowedHosts) });
        builder.Services.AddScoped<QuestionImporter>();
        builder.Services.AddScoped<MediaStore>();
        builder.Services.AddSingleton<ImportJobs>();
    }
}
