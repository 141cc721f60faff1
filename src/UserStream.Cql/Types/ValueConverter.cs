using System.Collections;

namespace UserStream.Cql.Types;

/// <summary>
/// Converts a decoded column value to the CLR type a caller asks for (Row.GetValue&lt;T&gt;): nullable wrappers,
/// DateTime for timestamps and dates, arrays and other collection shapes for lists, sets and maps.
/// </summary>
internal static class ValueConverter
{
    public static object? ConvertTo(object? value, Type target, string column)
    {
        if (value is null) return null;
        if (target.IsInstanceOfType(value)) return value;
        var underlying = Nullable.GetUnderlyingType(target);
        if (underlying is not null) return ConvertTo(value, underlying, column);

        switch (value)
        {
            case DateTimeOffset offset when target == typeof(DateTime):
                return offset.UtcDateTime;
            case DateOnly date when target == typeof(DateTime):
                return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            case DateOnly date when target == typeof(DateTimeOffset):
                return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            case IDictionary map when target.IsGenericType && target.GetGenericArguments().Length == 2:
                return ConvertMap(map, target, column);
            case IEnumerable items when value is not string and not byte[]:
                var converted = ConvertCollection(items, target, column);
                if (converted is not null) return converted;
                break;
        }
        throw new InvalidTypeException($"Column {column} holds a {value.GetType().Name}, which cannot be read as {target.Name}.");
    }

    private static object? ConvertCollection(IEnumerable items, Type target, string column)
    {
        Type element;
        if (target.IsArray) element = target.GetElementType()!;
        else if (target.IsGenericType && target.GetGenericArguments().Length == 1) element = target.GetGenericArguments()[0];
        else return null;

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        foreach (var item in items) list.Add(ConvertTo(item, element, column));

        if (target.IsArray)
        {
            var array = Array.CreateInstance(element, list.Count);
            list.CopyTo(array, 0);
            return array;
        }
        if (target.IsInstanceOfType(list)) return list;
        var set = Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(element), list)!;
        if (target.IsInstanceOfType(set)) return set;
        // Concrete collections such as SortedSet<T> take an IEnumerable<T> in their constructor.
        return target.IsAbstract || target.IsInterface ? null : Activator.CreateInstance(target, list);
    }

    private static object ConvertMap(IDictionary map, Type target, string column)
    {
        var args = target.GetGenericArguments();
        var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
        foreach (DictionaryEntry entry in map)
        {
            dictionary[ConvertTo(entry.Key, args[0], column)!] = ConvertTo(entry.Value, args[1], column);
        }
        if (target.IsInstanceOfType(dictionary)) return dictionary;
        return Activator.CreateInstance(target, dictionary)
            ?? throw new InvalidTypeException($"Column {column} cannot be read as {target.Name}.");
    }
}
