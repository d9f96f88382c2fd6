import EdgewiseMQTT
import EdgewiseModbus
import EdgewiseStore
print("edgewise \(Mosquitto.libraryVersion) \(LibModbus.libraryVersion) \(SQLite.libraryVersion)")
