package dev.enterprisechat.groups.control;

import java.security.SecureRandom;

/** Unguessable invite codes: 16 symbols of a URL-safe alphabet of 64, from a CSPRNG (96 bits). */
public final class InviteCodes {

    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private InviteCodes() {
    }

    public static String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }
}
