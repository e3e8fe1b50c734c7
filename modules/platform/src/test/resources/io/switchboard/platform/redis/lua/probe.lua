-- a script that lives beside LuaScriptTest, found by a package-relative path
return 1
