package io.flussreactive.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API exposes none of the client's machinery: no public or protected member of a public type
 * outside {@code io.flussreactive.internal} names a type of {@code internal} (in a parameter, a return
 * type, a field, a type argument, a supertype or an exception), so that the machinery can change
 * without breaking users. Likewise only {@code io.flussreactive.observation} names Micrometer's types,
 * since Micrometer is an optional dependency, and none names the AWS SDK's, which is optional too.
 */
class PublicApiTest {

    private static final String ROOT = "io.flussreactive";
    private static final String INTERNAL = ROOT + ".internal";
    private static final String OBSERVATION = ROOT + ".observation";
    private static final String MICROMETER = "io.micrometer";
    private static final String AWS_SDK = "software.amazon";

    @Test
    void noPublicApiTypeExposesAnInternalType() {
        assertThat(membersNaming(INTERNAL, publicApiTypes())).as("public API members that expose internal types").isEmpty();
    }

    @Test
    void onlyTheObservationPackageNamesMicrometerTypes() {
        List<Class<?>> outside = publicApiTypes().stream()
                .filter(type -> !type.getPackageName().equals(OBSERVATION))
                .toList();
        assertThat(membersNaming(MICROMETER, outside)).as("public API members that need Micrometer").isEmpty();
    }

    @Test
    void noPublicApiTypeNamesAwsSdkTypes() {
        assertThat(membersNaming(AWS_SDK, publicApiTypes())).as("public API members that need the AWS SDK").isEmpty();
    }

    /** The members of these types that name a type whose name starts with {@code prefix}. */
    private static List<String> membersNaming(String prefix, List<Class<?>> types) {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : types) {
            for (Type supertype : supertypesOf(type)) {
                check(type.getName() + " extends/implements", supertype, prefix, leaks);
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (isVisible(constructor.getModifiers()) && !isEnumOrRecordPlumbing(type)) {
                    checkExecutable(type.getName() + "(constructor)", constructor, prefix, leaks);
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (isVisible(method.getModifiers()) && !method.isSynthetic()) {
                    check(type.getName() + "." + method.getName() + " returns", method.getGenericReturnType(), prefix,
                            leaks);
                    checkExecutable(type.getName() + "." + method.getName(), method, prefix, leaks);
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (isVisible(field.getModifiers()) && !field.isSynthetic()) {
                    check(type.getName() + "." + field.getName(), field.getGenericType(), prefix, leaks);
                }
            }
        }
        return leaks;
    }

    @Test
    void theCheckFindsTheApiTypes() {
        // Guards the check itself: it must see the API, or it would pass on nothing.
        assertThat(publicApiTypes()).extracting(Class::getName)
                .contains(ROOT + ".FlussClient", ROOT + ".table.FlussTable", ROOT + ".scan.RecordBatch",
                        OBSERVATION + ".FlussObservability", OBSERVATION + ".FlussObservationDocumentation",
                        OBSERVATION + ".FlussObservationContext", OBSERVATION + ".FlussObservationConvention",
                        OBSERVATION + ".DefaultFlussObservationConvention");
    }

    private static void checkExecutable(String where, Executable executable, String prefix, List<String> leaks) {
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(where + " takes", parameter, prefix, leaks);
        }
        for (Type exception : executable.getGenericExceptionTypes()) {
            check(where + " throws", exception, prefix, leaks);
        }
        for (TypeVariable<?> variable : executable.getTypeParameters()) {
            for (Type bound : variable.getBounds()) {
                check(where + " bounds", bound, prefix, leaks);
            }
        }
    }

    private static void check(String where, Type type, String prefix, List<String> leaks) {
        if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (element.getName().startsWith(prefix + ".")) {
                leaks.add(where + " " + element.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(where, p.getRawType(), prefix, leaks);
            for (Type argument : p.getActualTypeArguments()) {
                check(where, argument, prefix, leaks);
            }
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                check(where, bound, prefix, leaks);
            }
            for (Type bound : w.getLowerBounds()) {
                check(where, bound, prefix, leaks);
            }
        } else if (type instanceof GenericArrayType a) {
            check(where, a.getGenericComponentType(), prefix, leaks);
        }
    }

    private static List<Type> supertypesOf(Class<?> type) {
        List<Type> supertypes = new ArrayList<>(List.of(type.getGenericInterfaces()));
        if (type.getGenericSuperclass() != null) {
            supertypes.add(type.getGenericSuperclass());
        }
        return supertypes;
    }

    /** Public and protected members of a type that can be reached from outside its package. */
    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static boolean isEnumOrRecordPlumbing(Class<?> type) {
        return type.isEnum();
    }

    /** Every public class outside {@code internal}, nested ones included, as compiled. */
    private static List<Class<?>> publicApiTypes() {
        Path classes = classesRoot();
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.startsWith(INTERNAL + ".") || name.endsWith("module-info") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
                if (isPublicallyReachable(type)) {
                    types.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return types;
    }

    private static boolean isPublicallyReachable(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    /** The folder of the main classes of reactive-core (where {@code FlussClient} was loaded from). */
    private static Path classesRoot() {
        try {
            Path location = Path.of(io.flussreactive.FlussClient.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
