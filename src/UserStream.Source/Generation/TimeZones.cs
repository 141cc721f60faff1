using UserStream.Contracts.RandomUser;

namespace UserStream.Source.Generation;

/// <summary>
/// UTC offsets with places that use them. Like randomuser.me, a user's time zone is drawn from the
/// whole world rather than from their nationality.
/// </summary>
internal static class TimeZones
{
    public static readonly IReadOnlyList<TimeZoneInfoDto> All =
    [
        new("-12:00", "Baker Island, Howland Island"),
        new("-11:00", "American Samoa, Niue"),
        new("-10:00", "Hawaii"),
        new("-9:00", "Alaska"),
        new("-8:00", "Pacific Time (US & Canada)"),
        new("-7:00", "Mountain Time (US & Canada)"),
        new("-6:00", "Central Time (US & Canada), Mexico City"),
        new("-5:00", "Eastern Time (US & Canada), Bogotá, Lima"),
        new("-4:00", "Atlantic Time (Canada), Caracas, La Paz"),
        new("-3:30", "Newfoundland"),
        new("-3:00", "Brasília, Buenos Aires, Montevideo"),
        new("-2:00", "South Georgia"),
        new("-1:00", "Azores, Cape Verde"),
        new("0:00", "London, Lisbon, Dublin, Reykjavík"),
        new("+1:00", "Berlin, Copenhagen, Madrid, Paris"),
        new("+2:00", "Athens, Helsinki, Kyiv, Cairo"),
        new("+3:00", "Istanbul, Moscow, Nairobi, Riyadh"),
        new("+3:30", "Tehran"),
        new("+4:00", "Abu Dhabi, Baku, Tbilisi"),
        new("+4:30", "Kabul"),
        new("+5:00", "Karachi, Tashkent, Yekaterinburg"),
        new("+5:30", "Mumbai, Kolkata, Chennai, New Delhi"),
        new("+5:45", "Kathmandu"),
        new("+6:00", "Almaty, Dhaka"),
        new("+7:00", "Bangkok, Hanoi, Jakarta"),
        new("+8:00", "Beijing, Perth, Singapore, Hong Kong"),
        new("+9:00", "Tokyo, Seoul, Yakutsk"),
        new("+9:30", "Adelaide, Darwin"),
        new("+10:00", "Sydney, Brisbane, Guam, Vladivostok"),
        new("+11:00", "Solomon Islands, New Caledonia"),
        new("+12:00", "Auckland, Wellington, Fiji"),
    ];
}
