/**
 * The annotations applications put on their beans: {@link org.dogpile.Dogpile},
 * {@link org.dogpile.DogpileInvalidate}, {@link org.dogpile.DogpileInvalidateAll},
 * {@link org.dogpile.DogpileKey}, and the {@link org.dogpile.DogpileKeyGenerator} interface.
 *
 * <p><b>API, stable.</b> Members are only added, with defaults that keep today's behaviour; renaming
 * or removing one waits for a major version. Until 1.0, any change is listed in the CHANGELOG.
 * This package depends on nothing else of the library.
 */
package org.dogpile;
